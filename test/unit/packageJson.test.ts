import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_MAX_CONCURRENT_REGIONS,
  MAX_CONCURRENT_REGIONS_RANGE,
} from '../../src/core/services/concurrency';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions';
import { ALL_CONTEXT_TOKENS } from '../../src/tree/contextValues';
import {
  IMAGE_ROW_SELECTED_KEY,
  IMAGES_VIEW_SELECTION,
  WALKTHROUGH_CONTEXT_KEYS,
} from '../../src/contextKeys';

interface MenuItem {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

interface PackageJson {
  main: string;
  engines: Record<string, string>;
  activationEvents?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, MenuItem[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; contents: string; when?: string }[];
    keybindings?: { command: string; key: string; mac?: string; when?: string; args?: unknown }[];
    walkthroughs?: {
      id: string;
      steps: {
        id: string;
        description: string;
        media: { markdown?: string; image?: string };
        completionEvents?: string[];
      }[];
    }[];
    configuration: {
      properties: Record<
        string,
        {
          default?: unknown;
          minimum?: number;
          maximum?: number;
          description?: string;
          markdownDescription?: string;
          order?: number;
          enum?: string[];
          enumDescriptions?: string[];
        }
      >;
    };
  };
}

const ROOT = join(__dirname, '..', '..');
const rawPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as unknown;
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;

/** Every string of a JSON value, with its path (`contributes.commands.3.title`). */
function strings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** A manifest value with its `%key%` strings replaced as VS Code does (package.nls.json). */
function localized(value: unknown): unknown {
  if (typeof value === 'string') {
    const key = /^%(.+)%$/.exec(value)?.[1];
    return key !== undefined && key in nls ? nls[key] : value;
  }
  if (Array.isArray(value)) return value.map(localized);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localized(v)]));
  return value;
}

/** package.json as VS Code reads it: `%key%` strings replaced. */
const pkg = localized(rawPkg) as PackageJson;

/**
 * The manifest fields people read (in the Marketplace, the Command Palette, menus, views, settings
 * and the walkthrough), by the last part of their path; an array's items by the array's name.
 */
const USER_VISIBLE_FIELD =
  /^(displayName|description|title|name|contextualTitle|contents|markdownDescription|enumDescriptions|markdownEnumDescriptions|patternErrorMessage|label|altText)$/;

/** Whether the string at this path is words for people (the top-level `name` is the package id). */
function isUserVisible(path: string): boolean {
  const field =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? '';
  return path !== 'name' && USER_VISIBLE_FIELD.test(field);
}

/** The categories VS Code and the Marketplace accept (VS Code 1.100, EXTENSION_CATEGORIES). */
const MARKETPLACE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];

/** Every `when` clause of package.json's contributions. */
function allWhenClauses(p: PackageJson): string[] {
  return [
    ...Object.values(p.contributes.menus).flatMap((items) => items.map((i) => i.when)),
    ...(p.contributes.viewsWelcome ?? []).map((w) => w.when),
    ...(p.contributes.keybindings ?? []).map((k) => k.when),
  ].filter((w): w is string => typeof w === 'string');
}

/**
 * The context tokens a when clause tests through `viewItem`. Only `viewItem =~ /\btoken\b/`,
 * `viewItem =~ /\b(a|b)\b/` and `viewItem == a;b` / `!=` are understood; anything else is reported
 * as unsupported.
 */
function viewItemTokens(when: string): { tokens: string[]; unsupported: string[] } {
  const tokens: string[] = [];
  const unsupported: string[] = [];
  const clause = /viewItem\s*(=~|==|!=)?\s*(\/(?:\\.|[^/\\])*\/[a-z]*|[^\s&|)]+)?/g;
  for (const match of when.matchAll(clause)) {
    const [whole, operator, operand] = match;
    if (operator === '=~' && operand?.startsWith('/')) {
      const word = /^\/\\b(\w+)\\b\/$/.exec(operand);
      const anyOf = /^\/\\b\((\w+(?:\|\w+)+)\)\\b\/$/.exec(operand);
      if (word?.[1]) tokens.push(word[1]);
      else if (anyOf?.[1]) tokens.push(...anyOf[1].split('|'));
      else unsupported.push(whole);
    } else if ((operator === '==' || operator === '!=') && operand) {
      tokens.push(...operand.split(';'));
    } else {
      unsupported.push(whole);
    }
  }
  return { tokens, unsupported };
}

describe('package.json contract', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command);

  it('contributes each command once, named amiExplorer.<noun>.<verb>', () => {
    assert.equal(new Set(contributed).size, contributed.length, 'duplicate command contributions');
    for (const id of contributed) assert.match(id, /^amiExplorer\.[a-z]+\.[a-zA-Z]+$/);
  });

  it('menus only reference contributed commands', () => {
    const known = new Set(contributed);
    const referenced = Object.entries(pkg.contributes.menus).flatMap(([menu, items]) =>
      items.flatMap((i) => (i.command ? [[menu, i.command] as const] : [])),
    );
    assert.ok(referenced.length > 0);
    const unknown = referenced.filter(([, command]) => !known.has(command));
    assert.deepEqual(unknown, []);
  });

  it('viewsWelcome command: links and views exist', () => {
    const known = new Set(contributed);
    const views = new Set(
      Object.values(pkg.contributes.views).flatMap((list) => list.map((v) => v.id)),
    );
    const welcome = pkg.contributes.viewsWelcome ?? [];
    const links = welcome.flatMap((w) =>
      [...w.contents.matchAll(/\(command:([^)\s?]+)/g)].map((m) => m[1] ?? ''),
    );
    assert.ok(links.includes('amiExplorer.profile.select'));
    assert.deepEqual(
      links.filter((c) => !known.has(c)),
      [],
    );
    assert.deepEqual(
      welcome.map((w) => w.view).filter((v) => !views.has(v)),
      [],
    );
  });

  it('when clauses name only views that exist', () => {
    const views = new Set(
      Object.values(pkg.contributes.views).flatMap((list) => list.map((v) => v.id)),
    );
    const named = allWhenClauses(pkg).flatMap((w) =>
      [...w.matchAll(/\bview\s*==\s*([\w.]+)/g)].map((m) => m[1] ?? ''),
    );
    assert.ok(named.length > 0);
    assert.deepEqual(
      named.filter((v) => !views.has(v)),
      [],
    );
  });

  it('viewItem clauses use only tokens from src/tree/contextValues.ts', () => {
    const found = allWhenClauses(pkg).map(viewItemTokens);
    assert.deepEqual(
      found.flatMap((f) => f.unsupported),
      [],
    );
    const tokens = found.flatMap((f) => f.tokens);
    assert.ok(tokens.includes('image'), 'the parser found the image menus');
    assert.deepEqual(
      [...new Set(tokens)].filter((t) => !ALL_CONTEXT_TOKENS.has(t)),
      [],
    );
  });

  it('the viewItem parser understands the clause forms and flags the others', () => {
    assert.deepEqual(
      viewItemTokens('view == x && viewItem =~ /\\bimage\\b/ && viewItem =~ /\\bcanDeregister\\b/'),
      { tokens: ['image', 'canDeregister'], unsupported: [] },
    );
    assert.deepEqual(viewItemTokens('viewItem =~ /\\b(canProtect|canUnprotect)\\b/'), {
      tokens: ['canProtect', 'canUnprotect'],
      unsupported: [],
    });
    assert.deepEqual(viewItemTokens('viewItem == image;ebs || viewItem != region'), {
      tokens: ['image', 'ebs', 'region'],
      unsupported: [],
    });
    assert.deepEqual(viewItemTokens('viewItem =~ /^image/').unsupported, ['viewItem =~ /^image/']);
    assert.deepEqual(viewItemTokens('viewItem').unsupported, ['viewItem']);
  });

  it('view/item/context menus use the house groups', () => {
    const groups = (pkg.contributes.menus['view/item/context'] ?? []).map(
      (i) => (i.group ?? '').split('@')[0],
    );
    assert.deepEqual(
      groups.filter(
        (g) => !['inline', '1_inspect', '2_modify', '3_copy', '9_destructive'].includes(g ?? ''),
      ),
      [],
    );
  });

  it('activates on the ami: file system', () => {
    assert.ok(pkg.activationEvents?.includes('onFileSystem:ami'));
  });

  it('targets VS Code ^1.100.0 with matching @types/vscode', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.devDependencies?.['@types/vscode'], '1.100.0');
  });

  it('pins every @aws-sdk/* package to one exact, identical version, the one installed', () => {
    const sdk = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([name]) =>
      name.startsWith('@aws-sdk/'),
    );
    assert.ok(sdk.length >= 2);
    const versions = new Set(sdk.map(([, v]) => v));
    assert.equal(versions.size, 1, `several SDK versions: ${[...versions].join(', ')}`);
    const [version] = [...versions];
    assert.match(version ?? '', /^\d+\.\d+\.\d+$/);
    for (const [name] of sdk) {
      const installed = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version: string };
      assert.equal(installed.version, version, name);
    }
  });

  it('loads ./dist/boot.js, which loads dist/extension.js through the code cache', () => {
    assert.equal(pkg.main, './dist/boot.js');
  });

  it('lets every default-enabled region load in one wave, and allows at least 32 at once', () => {
    const setting = pkg.contributes.configuration.properties['amiExplorer.maxConcurrentRegions'];
    assert.deepEqual(
      { default: setting?.default, minimum: setting?.minimum, maximum: setting?.maximum },
      { default: DEFAULT_MAX_CONCURRENT_REGIONS, ...MAX_CONCURRENT_REGIONS_RANGE },
      'package.json and settings.ts agree',
    );
    assert.ok(DEFAULT_MAX_CONCURRENT_REGIONS >= DEFAULT_ENABLED_REGIONS.length);
    assert.ok(MAX_CONCURRENT_REGIONS_RANGE.maximum >= 32);
  });

  describe('package.nls.json', () => {
    const all = strings(rawPkg);

    it('holds every manifest string people read: package.json names only %keys% there', () => {
      const visible = all.filter((s) => isUserVisible(s.path));
      assert.ok(visible.length > 100, `found ${visible.length} user-visible strings`);
      assert.deepEqual(
        visible.filter((s) => !/^%[\w.-]+%$/.test(s.text)).map((s) => `${s.path}: ${s.text}`),
        [],
      );
    });

    it('resolves every %key% of package.json, and has no key package.json does not use', () => {
      const used = new Set(
        all.flatMap((s) => [...s.text.matchAll(/^%([\w.-]+)%$/g)].map((m) => m[1] ?? '')),
      );
      assert.deepEqual(
        [...used].filter((key) => !(key in nls)),
        [],
        'keys missing from package.nls.json',
      );
      assert.deepEqual(
        Object.keys(nls).filter((key) => !used.has(key)),
        [],
        'keys nothing uses',
      );
      for (const [key, text] of Object.entries(nls)) assert.ok(text.trim().length > 0, key);
    });

    it('recognises the fields people read and leaves ids, paths and when clauses alone', () => {
      assert.equal(isUserVisible('contributes.commands.0.title'), true);
      assert.equal(
        isUserVisible('contributes.configuration.properties.x.enumDescriptions.2'),
        true,
      );
      assert.equal(isUserVisible('contributes.views.amiExplorer.0.name'), true);
      assert.equal(isUserVisible('name'), false);
      assert.equal(isUserVisible('contributes.commands.0.command'), false);
      assert.equal(isUserVisible('contributes.menus.view/title.0.when'), false);
    });
  });

  describe('Marketplace listing', () => {
    const manifest = rawPkg as {
      icon?: string;
      galleryBanner?: { color?: string; theme?: string };
      categories?: string[];
      keywords?: string[];
      bugs?: { url?: string };
      homepage?: string;
    };

    it('has a 128×128 PNG icon', () => {
      assert.equal(manifest.icon, 'media/icon.png');
      const png = readFileSync(join(ROOT, manifest.icon));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    });

    it('has a gallery banner, real categories, the keywords people search, bugs and homepage', () => {
      assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
      assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
      assert.ok((manifest.categories ?? []).length > 0);
      assert.deepEqual(
        (manifest.categories ?? []).filter((c) => !MARKETPLACE_CATEGORIES.includes(c)),
        [],
      );
      assert.ok(!(manifest.categories ?? []).includes('Other'), '"Other" says nothing');
      for (const word of ['aws', 'ec2', 'ami', 'packer', 'images'])
        assert.ok(manifest.keywords?.includes(word), word);
      assert.ok((manifest.keywords ?? []).length <= 30, 'the Marketplace takes 30 keywords');
      assert.ok(manifest.bugs?.url);
      assert.ok(manifest.homepage);
    });
  });

  describe('settings', () => {
    const properties = Object.entries(pkg.contributes.configuration.properties);

    it('each has a Markdown description and its own place in the order', () => {
      assert.deepEqual(
        properties.filter(([, p]) => !p.markdownDescription || p.description).map(([n]) => n),
        [],
      );
      const orders = properties.map(([, p]) => p.order);
      assert.ok(orders.every((o) => typeof o === 'number'));
      assert.equal(new Set(orders).size, orders.length, 'two settings share an order');
    });

    it('describes every value of an enum', () => {
      const enums = properties.filter(([, p]) => p.enum);
      assert.ok(enums.length >= 2);
      for (const [name, p] of enums) assert.equal(p.enumDescriptions?.length, p.enum?.length, name);
    });

    it('links to the docs they concern with https links, and names settings as #setting#', () => {
      const text = properties.map(([, p]) => p.markdownDescription ?? '').join('\n');
      const links = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
      assert.ok(links.length >= 8, `${links.length} links`);
      assert.deepEqual(
        links.filter((l) => !l.startsWith('https://')),
        [],
      );
      const named = [...text.matchAll(/`#([\w.]+)#`/g)].map((m) => m[1] ?? '');
      assert.deepEqual(
        named.filter((n) => !(n in pkg.contributes.configuration.properties)),
        [],
      );
    });
  });

  describe('keybindings', () => {
    const bindings = pkg.contributes.keybindings ?? [];

    /** The command a binding runs on the rows, and whether the focused row is selected first. */
    function effect(b: (typeof bindings)[number]): {
      command: string;
      args: unknown;
      select: boolean;
    } {
      if (b.command !== 'runCommands') return { command: b.command, args: b.args, select: false };
      const steps = (b.args as { commands: (string | { command: string; args?: unknown })[] })
        .commands;
      const last = steps.at(-1);
      assert.ok(typeof last === 'object', 'runCommands ends with the command and its argument');
      assert.deepEqual(
        steps.slice(0, -1),
        ['list.select'],
        'only the focused row is selected first',
      );
      return { command: last.command, args: last.args, select: true };
    }

    it('Enter, Delete, F2 and Ctrl/Cmd+C act on the AMI rows of the Images view only', () => {
      assert.deepEqual(
        bindings.map((b) => [b.key, b.mac, effect(b).command, effect(b).select]),
        [
          ['enter', undefined, 'amiExplorer.image.openJson', true],
          ['f2', undefined, 'amiExplorer.image.editDescription', true],
          ['delete', 'cmd+backspace', 'amiExplorer.image.deregister', true],
          ['delete', 'cmd+backspace', 'amiExplorer.image.deregister', false],
          ['ctrl+c', 'cmd+c', 'amiExplorer.image.copyId', true],
          ['ctrl+c', 'cmd+c', 'amiExplorer.image.copyId', false],
        ],
      );
      for (const b of bindings) {
        const { command, args, select } = effect(b);
        assert.ok(contributed.includes(command), command);
        assert.match(b.when ?? '', /\bfocusedView == amiExplorer\.images\b/);
        assert.ok(b.when?.includes(IMAGE_ROW_SELECTED_KEY), command);
        // Typing in the view's find box (Enter, Delete, Ctrl+C) stays typing.
        assert.ok(b.when?.includes('!inputFocus'), command);
        assert.equal(args, IMAGES_VIEW_SELECTION, 'the command acts on the selection');
        // Arrow keys move the focus, not the selection: a key acts on the focused row, except
        // on a multi-selection, which Delete and Ctrl+C act on whole.
        if (!select) assert.match(b.when ?? '', /&& listMultiSelection$/);
        else if (b.key === 'delete' || b.key === 'ctrl+c')
          assert.match(b.when ?? '', /&& !listMultiSelection$/);
      }
    });
  });

  describe('walkthrough', () => {
    const walkthroughs = pkg.contributes.walkthroughs ?? [];

    it('has 4 to 6 steps, each completed by an event the extension really signals', () => {
      assert.equal(walkthroughs.length, 1);
      const steps = walkthroughs[0]?.steps ?? [];
      assert.ok(steps.length >= 4 && steps.length <= 6, `${steps.length} steps`);
      const keys: string[] = Object.values(WALKTHROUGH_CONTEXT_KEYS);
      const commands = new Set(contributed);
      for (const step of steps) {
        const events = step.completionEvents ?? [];
        assert.ok(events.length > 0, `${step.id} would complete on being selected`);
        for (const event of events) {
          const [, kind, argument] = /^([^:]+):(.*)$/.exec(event) ?? [];
          if (kind === 'onContext') assert.ok(keys.includes(argument ?? ''), event);
          else if (kind === 'onCommand') assert.ok(commands.has(argument ?? ''), event);
          else if (kind === 'onSettingChanged')
            assert.ok((argument ?? '') in pkg.contributes.configuration.properties, event);
          else assert.fail(`${step.id}: unexpected completion event ${event}`);
        }
      }
      // Every milestone the extension signals completes a step.
      const used = steps.flatMap((s) => s.completionEvents ?? []);
      for (const key of keys) assert.ok(used.includes(`onContext:${key}`), key);
    });

    it("steps' media are small files in the package, and their command links exist", () => {
      const steps = walkthroughs[0]?.steps ?? [];
      for (const step of steps) {
        const file = step.media.markdown ?? step.media.image ?? '';
        assert.match(file, /^media\/walkthrough\//, step.id);
        assert.ok(readFileSync(join(ROOT, file)).length < 4096, file);
        const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? '');
        for (const command of links) {
          const known =
            contributed.includes(command) ||
            command === 'workbench.action.openSettings' ||
            /^amiExplorer\.(images|instances|families)\.focus$/.test(command);
          assert.ok(known, `${step.id}: ${command}`);
        }
      }
    });

    it('ships the walkthrough media and package.nls.json in the vsix', () => {
      const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
      assert.ok(ignore.includes('!package.nls.json'));
      assert.ok(ignore.includes('!media/walkthrough/*.md'));
    });
  });
});
