import type { Ami } from './ami';

/**
 * Image families by name: the versions of one image differ in a version, date, timestamp or build
 * number written somewhere in the name (`web-server-2024.10.1`, `amzn2-ami-hvm-2.0.20200304.0-
 * x86_64-gp2`, `ubuntu-jammy-22.04-amd64-server-20240301`, `packer-example 1700000000`).
 *
 * The rule: split the name into words at `-`, ` `, `/` and `+`; a word is a version when it is
 * digits with dots (`2.0.20200304.0`, `22.04`), optionally after a `v` (`v3`), a date or a timestamp
 * (`20240301`, `2024.10.01`, `1700000000`, `20240301T120000Z`). The part that varies is the last
 * version word holding a date or a timestamp (`2.0.20200304.0` rather than the kernel's `6.1`), or
 * else the last version word, with the version words right before it (`web-1-2-3`: `1-2-3`). The
 * family is the name with that part replaced by `*`; the version is the part itself. A name
 * without a version word has no family by name.
 */
const VERSION_WORD = /^(?:v?\d+(?:\.\d+)*[a-z]?|\d{8}(?:T?\d{4,6}Z?)?)$/i;
/** A date (`20240301`, `2024.10.01`) or a Unix timestamp inside a version word. */
const DATED = /\d{8}|\d{4}[.-]\d{1,2}[.-]\d{1,2}/;

/** A name split by the family rule: the family (with `*` where the version was) and the version. */
export interface FamilyName {
  /** The name with its version part replaced by `*` (`web-server-*`). */
  family: string;
  /** The part that varies between versions (`2024.10.1`). */
  version: string;
}

/** Splits a name by the family rule (see above); `undefined` when it has no version part. */
export function splitFamilyName(name: string): FamilyName | undefined {
  const parts = name.split(/([-\s/+]+)/);
  // Words sit at even indexes, separators at odd ones.
  let last = -1;
  let lastDated = -1;
  for (let i = 0; i < parts.length; i += 2) {
    if (!VERSION_WORD.test(parts[i] ?? '')) continue;
    last = i;
    if (DATED.test(parts[i] ?? '')) lastDated = i;
  }
  if (lastDated >= 0) last = lastDated;
  if (last < 0) return undefined;
  let first = last;
  while (first - 2 >= 0 && VERSION_WORD.test(parts[first - 2] ?? '')) first -= 2;
  const family = [...parts.slice(0, first), '*', ...parts.slice(last + 1)].join('');
  // A name that is nothing but a version has no family to speak of.
  if (family.replace(/[-\s/+*]/g, '').length === 0) return undefined;
  return { family, version: parts.slice(first, last + 1).join('') };
}

/**
 * The family of a name as an EC2 name filter (`web-server-*`), or `undefined` when the name has no
 * version part.
 */
export function familyPattern(name: string): string | undefined {
  const split = splitFamilyName(name);
  return split === undefined ? undefined : escapeWildcards(split.family);
}

/** EC2 name filters treat `?` as a wildcard too; a literal one in a name must not widen the match. */
function escapeWildcards(pattern: string): string {
  return pattern.replace(/\?/g, '\\?');
}

/**
 * How AMIs are put in families: by name (the rule above), or by the value of a tag the user names
 * (`amiExplorer.families.tag`), for teams whose names do not follow one pattern.
 */
export type FamilyRule = { kind: 'name' } | { kind: 'tag'; key: string };

/** The rule of the `amiExplorer.families.tag` setting: a tag key, or empty for names. */
export function familyRuleOf(tagKey: string | undefined): FamilyRule {
  const key = tagKey?.trim() ?? '';
  return key.length > 0 ? { kind: 'tag', key } : { kind: 'name' };
}

/** One version of a family: the AMIs of one name, one per region it exists in. */
export interface FamilyVersion {
  /**
   * What the version is called: the varying part of the name (`2024.10.1`), or the whole name
   * when a tag decides the family and the name has no version part.
   */
  version: string;
  /** The AMI name the version's AMIs share (copies keep it), or the id of an unnamed AMI. */
  name: string;
  /** When it was first built: the earliest creation date among its AMIs (ISO 8601). */
  builtAt?: string;
  /** Its AMIs, by region name. */
  images: Ami[];
  /** The regions it exists in, sorted. */
  regions: string[];
}

/** A family: its versions newest first, in every region they exist in. */
export interface ImageFamily {
  /** Identity (owner and family), stable across listings. */
  key: string;
  /** What the family is called: the name with `*` for the version, or the tag value. */
  label: string;
  ownerId?: string;
  /** Newest first (`compareVersionsNewestFirst`). */
  versions: FamilyVersion[];
  /** Every region any version exists in, sorted. */
  regions: string[];
}

/** The family an AMI belongs to under a rule, with its version; `undefined` when it has none. */
export function familyOf(
  ami: Pick<Ami, 'name' | 'imageId' | 'ownerId' | 'tags'>,
  rule: FamilyRule,
): { key: string; label: string; version: string; name: string } | undefined {
  const name = ami.name !== undefined && ami.name.length > 0 ? ami.name : undefined;
  const owner = ami.ownerId ?? '';
  if (rule.kind === 'tag') {
    const value = ami.tags.find((t) => t.key === rule.key)?.value.trim() ?? '';
    if (value.length === 0) return undefined;
    const version = name === undefined ? ami.imageId : (splitFamilyName(name)?.version ?? name);
    return {
      key: `${owner}\u0000tag\u0000${value}`,
      label: value,
      version,
      name: name ?? ami.imageId,
    };
  }
  if (name === undefined) return undefined;
  const split = splitFamilyName(name);
  if (split === undefined) return undefined;
  return {
    key: `${owner}\u0000name\u0000${split.family}`,
    label: split.family,
    version: split.version,
    name,
  };
}

/**
 * `familyOf` per AMI record, remembered: the views group the same records again whenever the
 * Images view grows or changes, and records are replaced, never changed, so a record's family
 * stays what it was (50,000 AMIs: the first grouping reads every name, the next only new ones).
 */
const familyCache = new WeakMap<Ami, { rule: string; found: ReturnType<typeof familyOf> }>();

function cachedFamilyOf(ami: Ami, rule: FamilyRule): ReturnType<typeof familyOf> {
  const ruleKey = rule.kind === 'tag' ? `tag:${rule.key}` : 'name';
  const known = familyCache.get(ami);
  if (known?.rule === ruleKey) return known.found;
  const found = familyOf(ami, rule);
  familyCache.set(ami, { rule: ruleKey, found });
  return found;
}

/**
 * Newest first: by when a version was first built, then (same date, or none) by its version read
 * with numbers as numbers (`1.10` after `1.9`).
 */
export function compareVersionsNewestFirst(
  a: Pick<FamilyVersion, 'builtAt' | 'version'>,
  b: Pick<FamilyVersion, 'builtAt' | 'version'>,
): number {
  // ISO 8601 dates in one format sort as plain strings.
  const [x, y] = [a.builtAt ?? '', b.builtAt ?? ''];
  if (x !== y) return x < y ? 1 : -1;
  return NUMERIC.compare(b.version, a.version);
}

/** Numbers read as numbers; one collator for all comparisons (making one per call is slow). */
const NUMERIC = new Intl.Collator('en', { numeric: true });

/**
 * Groups AMIs (of any regions) into families under a rule. A version across regions is the same
 * name in several regions (copies keep the name). AMIs without a family are left out. Families come
 * sorted by label, versions newest first, each version's AMIs by region.
 */
export function groupFamilies(amis: Iterable<Ami>, rule: FamilyRule): ImageFamily[] {
  const families = new Map<
    string,
    { label: string; ownerId?: string; versions: Map<string, { version: string; images: Ami[] }> }
  >();
  for (const ami of amis) {
    const found = cachedFamilyOf(ami, rule);
    if (!found) continue;
    let family = families.get(found.key);
    if (!family) {
      family = {
        label: found.label,
        ...(ami.ownerId !== undefined ? { ownerId: ami.ownerId } : {}),
        versions: new Map(),
      };
      families.set(found.key, family);
    }
    let version = family.versions.get(found.name);
    if (!version) {
      version = { version: found.version, images: [] };
      family.versions.set(found.name, version);
    }
    version.images.push(ami);
  }
  const result: ImageFamily[] = [];
  for (const [key, family] of families) {
    const versions: FamilyVersion[] = [...family.versions].map(([name, v]) => {
      const images = [...v.images].sort((x, y) =>
        x.region !== y.region ? (x.region < y.region ? -1 : 1) : x.imageId < y.imageId ? -1 : 1,
      );
      const dates = images.map((i) => i.creationDate).filter((d): d is string => d !== undefined);
      const builtAt = dates.sort()[0];
      return {
        version: v.version,
        name,
        ...(builtAt !== undefined ? { builtAt } : {}),
        images,
        regions: [...new Set(images.map((i) => i.region))].sort(),
      };
    });
    versions.sort(compareVersionsNewestFirst);
    result.push({
      key,
      label: family.label,
      ...(family.ownerId !== undefined ? { ownerId: family.ownerId } : {}),
      versions,
      regions: [...new Set(versions.flatMap((v) => v.regions))].sort(),
    });
  }
  return result.sort((a, b) => NUMERIC.compare(a.label, b.label) || (a.key < b.key ? -1 : 1));
}

/**
 * A family's AMIs in one region, newest version first: what a cleanup planner walks ("keep the
 * newest N per family and region").
 */
export function familyVersionsInRegion(family: ImageFamily, region: string): Ami[] {
  return family.versions.flatMap((v) => v.images.filter((i) => i.region === region));
}

/** The regions of `regions` where the newest version of a family does not exist. */
export function missingRegions(family: ImageFamily, regions: readonly string[]): string[] {
  const newest = family.versions[0];
  if (!newest) return [];
  const present = new Set(newest.regions);
  return regions.filter((r) => !present.has(r));
}

/**
 * The AMI of the version before `ami`'s in its family: in the same region when that version exists
 * there, else in the first region it exists in. `undefined` for the oldest version.
 */
export function previousVersionOf(
  family: ImageFamily,
  ami: Pick<Ami, 'imageId' | 'region'>,
): Ami | undefined {
  const index = family.versions.findIndex((v) => v.images.some((i) => i.imageId === ami.imageId));
  const previous = index >= 0 ? family.versions[index + 1] : undefined;
  if (!previous) return undefined;
  return previous.images.find((i) => i.region === ami.region) ?? previous.images[0];
}
