import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_MAX_CONCURRENT_REGIONS,
  MAX_CONCURRENT_REGIONS_RANGE,
} from '../../src/core/services/concurrency';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions';
import { ALL_CONTEXT_TOKENS } from '../../src/tree/contextValues';

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
    keybindings?: { command: string; when?: string }[];
    configuration: {
      properties: Record<string, { default?: unknown; minimum?: number; maximum?: number }>;
    };
  };
}

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

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
});
