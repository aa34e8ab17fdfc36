/**
 * Image families by name: the versions of one image differ in a version, date, timestamp or build
 * number written somewhere in the name (`web-server-2024.10.1`, `amzn2-ami-hvm-2.0.20200304.0-
 * x86_64-gp2`, `ubuntu-jammy-22.04-amd64-server-20240301`, `packer-example 1700000000`).
 *
 * The rule: split the name into words at `-`, ` `, `/` and `+`; a word is a version when it is
 * digits with dots (`2.0.20200304.0`, `22.04`), optionally after a `v` (`v3`), a date or a timestamp
 * (`20240301`, `2024.10.01`, `1700000000`, `20240301T120000Z`). The part that varies is the last
 * version word holding a date or a timestamp (`2.0.20200304.0` rather than the kernel's `6.1`), or
 * else the last version word, with the version words right before it. The family is the name with
 * that part replaced by the `*` wildcard, so it doubles as an EC2 name filter. A name without a
 * version word has no family.
 */
const VERSION_WORD = /^(?:v?\d+(?:\.\d+)*[a-z]?|\d{8}(?:T?\d{4,6}Z?)?)$/i;
/** A date (`20240301`, `2024.10.01`) or a Unix timestamp inside a version word. */
const DATED = /\d{8}|\d{4}[.-]\d{1,2}[.-]\d{1,2}/;

export function familyPattern(name: string): string | undefined {
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
  return family.replace(/[-\s/+*]/g, '').length === 0 ? undefined : escapeWildcards(family);
}

/** EC2 name filters treat `?` as a wildcard too; a literal one in a name must not widen the match. */
function escapeWildcards(pattern: string): string {
  return pattern.replace(/\?/g, '\\?');
}
