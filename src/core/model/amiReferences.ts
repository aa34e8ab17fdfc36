import { isRegionName } from './validation';

/**
 * AMI ids in infrastructure code (Terraform, CloudFormation, Packer, CDK, Kubernetes manifests,
 * scripts) and the region each one is meant for. Pure text analysis, no parser per format: the
 * formats share a few shapes (key/value pairs in nested blocks, indentation in YAML, command lines
 * in scripts), and the region is found from those shapes, most specific rule first.
 */
export interface AmiReference {
  readonly imageId: string;
  /** Offsets of the id in the text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Where the region comes from; undefined when no rule applies (look in every region). */
  readonly region?: InferredRegion;
  /** The region map the id sits in (a CloudFormation `Mappings` entry, a map keyed by region). */
  readonly regionMap?: RegionMap;
  /**
   * In a region map, the key that holds the id under its region key (`AMI` in `us-east-1: { AMI:
   * ami-… }`), or `''` when the region key holds the id itself (`{ 'eu-west-1': 'ami-…' }`).
   */
  readonly mapEntry?: string;
}

export type RegionRule =
  /** The id sits under a region key: `us-east-1: { AMI: ami-… }`, `{ 'eu-west-1': 'ami-…' }`. */
  | 'region-key'
  /** A `region` key next to the id (or in a block around it): Packer sources, YAML mappings. */
  | 'nearby-key'
  /** The region of the Terraform provider the enclosing resource uses. */
  | 'provider'
  /** `--region` on the same command line. */
  | 'command-line';

export interface InferredRegion {
  readonly region: string;
  readonly rule: RegionRule;
}

export interface RegionMap {
  /** The same for every reference of one map (its offset in the text). */
  readonly id: number;
  /** Every region key of the map, in the order written. */
  readonly regions: readonly string[];
}

/** How a language is read: nested blocks, YAML indentation, or lines only. */
export type Syntax = 'blocks' | 'yaml' | 'lines';

/** The language ids whose documents are scanned by default, and how each is read. */
export const REFERENCE_LANGUAGES: Readonly<Record<string, Syntax>> = {
  terraform: 'blocks',
  'terraform-vars': 'blocks',
  tf: 'blocks',
  hcl: 'blocks',
  packer: 'blocks',
  json: 'blocks',
  jsonc: 'blocks',
  typescript: 'blocks',
  typescriptreact: 'blocks',
  javascript: 'blocks',
  javascriptreact: 'blocks',
  python: 'blocks',
  yaml: 'yaml',
  shellscript: 'lines',
  powershell: 'lines',
  plaintext: 'lines',
};

/**
 * How a document is read: by its language id, else by its file name (without the HashiCorp
 * extension, VS Code knows `.tf` files only as plain text), else as nested blocks when the user
 * listed its language, else not at all.
 */
export function syntaxFor(
  languageId: string,
  fileName: string,
  extraLanguages: readonly string[],
): Syntax | undefined {
  if (/\.(?:tf|tfvars|hcl)$/i.test(fileName)) return 'blocks';
  return (
    REFERENCE_LANGUAGES[languageId] ?? (extraLanguages.includes(languageId) ? 'blocks' : undefined)
  );
}

/** File extensions the workspace scan reads, and how (files not open have no language yet). */
export const REFERENCE_FILE_EXTENSIONS: Readonly<Record<string, Syntax>> = {
  tf: 'blocks',
  tfvars: 'blocks',
  hcl: 'blocks',
  json: 'blocks',
  ts: 'blocks',
  tsx: 'blocks',
  js: 'blocks',
  mjs: 'blocks',
  cjs: 'blocks',
  py: 'blocks',
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'lines',
  bash: 'lines',
  ps1: 'lines',
};

/** How a file that is not open is read, by its name. */
export function syntaxForFileName(fileName: string): Syntax | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : REFERENCE_FILE_EXTENSIONS[extension];
}

/**
 * `ami-` and 8 or 17 lowercase hex digits as a whole token: not inside a longer word
 * (`my-ami-0123abcd`, `ami-0123abcd9`).
 */
const AMI_TOKEN = /(?<![A-Za-z0-9_-])ami-(?:[0-9a-f]{17}|[0-9a-f]{8})(?![A-Za-z0-9_-])/g;

/** Keys whose value names the region of the ids next to them. */
const REGION_KEY = /^(?:region|aws_region|source_ami_region|source_region)$/i;

export function findAmiReferences(text: string, syntax: Syntax): AmiReference[] {
  const ids = [...text.matchAll(AMI_TOKEN)].map((m) => ({
    imageId: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (ids.length === 0) return [];
  const infer =
    syntax === 'blocks'
      ? blockInference(text)
      : syntax === 'yaml'
        ? yamlInference(text)
        : (): Inference => ({});
  return ids.map((id) => {
    const inferred = infer(id.start, id.end);
    const region = inferred.region ?? commandLineRegion(text, id.start);
    return {
      ...id,
      ...(region === undefined ? {} : { region }),
      ...(inferred.regionMap === undefined ? {} : { regionMap: inferred.regionMap }),
      ...(inferred.mapEntry === undefined ? {} : { mapEntry: inferred.mapEntry }),
    };
  });
}

/** A stretch of text, as offsets [start, end]. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** One change of a document, as VS Code reports it (offsets in the text before the change). */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** Where the changes of one edit put their text, as offsets in the text after it. */
export function changedSpans(changes: readonly TextChange[]): TextSpan[] {
  let shift = 0;
  return [...changes]
    .sort((a, b) => a.rangeOffset - b.rangeOffset)
    .map((change) => {
      const start = change.rangeOffset + shift;
      shift += change.text.length - change.rangeLength;
      return { start, end: start + change.text.length };
    });
}

/**
 * Whether an id is still being typed: it has 8 hex digits (the start of a 17-digit id looks like
 * a whole short one), the last edit touched it, and a cursor is in it or at its end. Such an id is
 * not looked up until the cursor leaves it; a 17-digit id is whole (one more digit and it is no id).
 */
export function beingTyped(
  reference: Pick<AmiReference, 'imageId' | 'start' | 'end'>,
  lastEdit: readonly TextSpan[],
  cursors: readonly number[],
): boolean {
  return (
    reference.imageId.length === SHORT_ID_LENGTH &&
    lastEdit.some((e) => e.start <= reference.end && reference.start <= e.end) &&
    cursors.some((c) => reference.start <= c && c <= reference.end)
  );
}

const SHORT_ID_LENGTH = 'ami-'.length + 8;

interface Inference {
  readonly region?: InferredRegion;
  readonly regionMap?: RegionMap;
  readonly mapEntry?: string;
}

// ---------------------------------------------------------------------------------------------
// Nested blocks: HCL, JSON, TypeScript/JavaScript, Python.

interface Frame {
  /** Offset of the opening bracket, and of the closing one (or the text's end). */
  readonly open: number;
  close: number;
  /** The text before the opening bracket on its line: `provider "aws"`, `"us-east-1":`. */
  readonly header: string;
  readonly parent: Frame | undefined;
  readonly children: Frame[];
}

const OPENING: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Blocks of the text, skipping strings and comments. */
function blocksOf(text: string): Frame[] {
  const top: Frame[] = [];
  let current: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      i = endOfString(text, i);
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (OPENING[c] !== undefined) {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const frame: Frame = {
        open: i,
        close: text.length,
        header: text.slice(lineStart, i),
        parent: current,
        children: [],
      };
      (current?.children ?? top).push(frame);
      current = frame;
    } else if (current !== undefined && c === OPENING[text[current.open] ?? '']) {
      current.close = i;
      current = current.parent;
    }
  }
  return top;
}

function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    // Plain strings end at the line's end (an apostrophe in a comment-less text must not eat it).
    else if (c === '\n' && quote !== '`') return i;
  }
  return text.length;
}

function innermost(frames: readonly Frame[], offset: number): Frame | undefined {
  for (const frame of frames) {
    if (frame.open < offset && offset < frame.close)
      return innermost(frame.children, offset) ?? frame;
  }
  return undefined;
}

/** A key written just before a position: `"us-east-1": `, `us-east-1 = `, `'eu-west-1': `. */
const KEY_BEFORE = /(["']?)([A-Za-z0-9_.-]+)\1\s*[:=]\s*(?:["'`]|\[\s*["']?)?$/;

/** The text of a frame itself, its children blanked out (so their keys are not the frame's). */
function ownText(text: string, frame: Frame): string {
  let own = '';
  let at = frame.open + 1;
  for (const child of frame.children) {
    own += text.slice(at, child.open) + ' '.repeat(child.close + 1 - child.open);
    at = child.close + 1;
  }
  return own + text.slice(at, frame.close);
}

/** `region = "us-west-2"`, `"region": "us-west-2"`, `region: 'us-west-2'` among a frame's own keys. */
function regionKeyIn(own: string): string | undefined {
  for (const m of own.matchAll(/(["']?)([A-Za-z_]+)\1\s*[:=]\s*["']([a-z0-9-]+)["']/g)) {
    if (REGION_KEY.test(m[2] ?? '') && isRegionName(m[3] ?? '')) return m[3];
  }
  return undefined;
}

function blockInference(text: string): (start: number, end: number) => Inference {
  const frames = blocksOf(text);
  const providers = terraformProviders(text, frames);
  const regionMaps = new Map<Frame, RegionMap>();
  const mapOf = (frame: Frame): RegionMap => {
    let map = regionMaps.get(frame);
    if (map === undefined) {
      const regions = [...ownText(text, frame).matchAll(/(["']?)([a-z0-9-]+)\1\s*[:=]/g)]
        .map((m) => m[2] ?? '')
        .filter(isRegionName);
      map = { id: frame.open, regions };
      regionMaps.set(frame, map);
    }
    return map;
  };
  return (start) => {
    const inner = innermost(frames, start);
    // The key right before the id, in its own frame: `'eu-west-1': 'ami-…'`.
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, (inner?.open ?? -1) + 1);
    const sameKey = KEY_BEFORE.exec(text.slice(lineStart, start))?.[2];
    if (sameKey !== undefined && isRegionName(sameKey) && inner !== undefined) {
      return {
        region: { region: sameKey, rule: 'region-key' },
        regionMap: mapOf(inner),
        mapEntry: '',
      };
    }
    // A region key above the id: `"us-east-1": { "AMI": "ami-…" }`.
    for (let frame = inner; frame !== undefined; frame = frame.parent) {
      const key = KEY_BEFORE.exec(frame.header.trimEnd() + ' ')?.[2];
      if (key !== undefined && isRegionName(key)) {
        return {
          region: { region: key, rule: 'region-key' },
          ...(frame.parent === undefined
            ? {}
            : { regionMap: mapOf(frame.parent), mapEntry: sameKey ?? '' }),
        };
      }
    }
    // A region key next to the id or in a block around it, nearest first.
    for (let frame = inner; frame !== undefined; frame = frame.parent) {
      const region = regionKeyIn(ownText(text, frame));
      if (region !== undefined) return { region: { region, rule: 'nearby-key' } };
    }
    // The Terraform provider of the enclosing resource or data source.
    let outermost = inner;
    while (outermost?.parent !== undefined) outermost = outermost.parent;
    if (outermost !== undefined && /^\s*(?:resource|data)\s/.test(outermost.header)) {
      const alias = /(?:^|\s)provider\s*=\s*aws\.([A-Za-z0-9_-]+)/m.exec(
        ownText(text, outermost),
      )?.[1];
      const region = providers.get(alias ?? '');
      if (region !== undefined) return { region: { region, rule: 'provider' } };
    }
    return {};
  };
}

/** Terraform's AWS providers: alias (`''` for the default one) → region. */
function terraformProviders(text: string, frames: readonly Frame[]): Map<string, string> {
  const providers = new Map<string, string>();
  for (const frame of frames) {
    if (!/^\s*provider\s+"aws"\s*$/.test(frame.header)) continue;
    const own = ownText(text, frame);
    const region = /(?:^|\s)region\s*=\s*"([a-z0-9-]+)"/m.exec(own)?.[1];
    const alias = /(?:^|\s)alias\s*=\s*"([A-Za-z0-9_-]+)"/m.exec(own)?.[1] ?? '';
    if (region !== undefined && isRegionName(region) && !providers.has(alias)) {
      providers.set(alias, region);
    }
  }
  return providers;
}

// ---------------------------------------------------------------------------------------------
// YAML: keys by indentation.

interface YamlLine {
  readonly start: number;
  /** The column of the key (after any `- ` list markers), or undefined for a line with no key. */
  readonly column: number | undefined;
  readonly key: string | undefined;
  /** The value written after the key on the same line. */
  readonly value: string;
  /** Whether the line starts a list item (`- key: value`). */
  readonly item: boolean;
}

const YAML_KEY = /^(\s*)((?:-\s+)*)(["']?)([^\s:"'#][^:#]*?)\3\s*:(?:\s+(.*)|$)/;

function yamlLines(text: string): YamlLine[] {
  const lines: YamlLine[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const m = YAML_KEY.exec(line);
    const indent = /^\s*(-\s+)*/.exec(line)?.[0].length ?? 0;
    const blank = line.trim() === '' || line.trim().startsWith('#');
    lines.push({
      start,
      column: m ? (m[1] ?? '').length + (m[2] ?? '').length : blank ? undefined : indent,
      key: m?.[4]?.trim(),
      value: unquote((m?.[5] ?? '').replace(/\s+#.*$/, '').trim()),
      item: /^\s*-(\s|$)/.test(line),
    });
    start += line.length + 1;
  }
  return lines;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function yamlInference(text: string): (start: number, end: number) => Inference {
  const lines = yamlLines(text);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lines[mid]?.start ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  /** The line of the key that holds line `index`, or -1 at the top. */
  const parentOf = (index: number): number => {
    const column = lines[index]?.column ?? 0;
    for (let i = index - 1; i >= 0; i--) {
      const c = lines[i]?.column;
      if (c !== undefined && c < column && lines[i]?.key !== undefined) return i;
    }
    return -1;
  };
  /** The key lines of the mapping line `index` belongs to (same column, same list item). */
  const siblingsOf = (index: number): number[] => {
    const column = lines[index]?.column ?? 0;
    const result = [index];
    const walk = (step: 1 | -1): void => {
      for (let i = index + step; i >= 0 && i < lines.length; i += step) {
        const line = lines[i];
        if (line?.column === undefined) continue;
        if (line.column < column) return;
        if (line.column > column) continue;
        // Another list item at this column is another mapping.
        if (step === 1 && line.item) return;
        result.push(i);
        if (step === -1 && line.item) return;
      }
    };
    if (!lines[index]?.item) walk(-1);
    walk(1);
    return result;
  };
  const regionMap = (parent: number): RegionMap => {
    const children = parent < 0 ? [] : lines.slice(parent + 1);
    const column = children.find((l) => l.column !== undefined)?.column;
    const regions: string[] = [];
    for (const line of children) {
      if (line.column === undefined) continue;
      if (line.column < (column ?? 0)) break;
      if (line.column === column && line.key !== undefined && isRegionName(line.key))
        regions.push(line.key);
    }
    return { id: lines[parent]?.start ?? 0, regions };
  };
  return (start) => {
    const index = lineAt(start);
    // Flow style on one line: `us-east-1: { AMI: ami-… }`.
    const before = text.slice(lines[index]?.start ?? 0, start);
    const flowKey = [...before.matchAll(/(["']?)([a-z0-9-]+)\1\s*:\s*\{/g)]
      .map((m) => m[2] ?? '')
      .filter(isRegionName)
      .pop();
    if (flowKey !== undefined)
      return {
        region: { region: flowKey, rule: 'region-key' },
        regionMap: regionMap(parentOf(index)),
        mapEntry: /([A-Za-z0-9_.-]+)["']?\s*:\s*["']?$/.exec(before)?.[1] ?? '',
      };
    // A region key above the id (or the id's own key).
    for (let i = index; i >= 0; i = parentOf(i)) {
      const key = lines[i]?.key;
      if (key !== undefined && isRegionName(key)) {
        return {
          region: { region: key, rule: 'region-key' },
          regionMap: regionMap(parentOf(i)),
          mapEntry: i === index ? '' : (lines[index]?.key ?? ''),
        };
      }
    }
    // `region: us-west-2` in the same mapping, then in the mappings around it.
    for (let i = index; i >= 0; i = parentOf(i)) {
      for (const sibling of siblingsOf(i)) {
        const line = lines[sibling];
        if (REGION_KEY.test(line?.key ?? '') && isRegionName(line?.value ?? '')) {
          return { region: { region: line?.value ?? '', rule: 'nearby-key' } };
        }
      }
    }
    return {};
  };
}

// ---------------------------------------------------------------------------------------------
// Command lines: `aws ec2 run-instances --image-id ami-… --region eu-west-1`.

function commandLineRegion(text: string, offset: number): InferredRegion | undefined {
  // The command line around the id, with its `\` continuations.
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 1 && /\\\r?$/.test(text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1))) {
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  let end = text.indexOf('\n', offset);
  while (end >= 0 && /\\\r?$/.test(text.slice(0, end))) end = text.indexOf('\n', end + 1);
  const line = text.slice(start, end < 0 ? text.length : end);
  // `copy-image --source-image-id ami-… --source-region us-east-2 --region eu-west-1`: the id is in
  // the source region, `--region` is where the copy goes.
  const source = /--source-image-id(?:\s+|=)["']?$/.test(text.slice(start, offset));
  const option = source ? '--source-region' : '--region';
  const region = new RegExp(`(?:^|\\s)${option}(?:\\s+|=)["']?([a-z0-9-]+)`).exec(line)?.[1];
  return region !== undefined && isRegionName(region)
    ? { region, rule: 'command-line' }
    : undefined;
}
