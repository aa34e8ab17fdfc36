/**
 * EC2 filter value matching: `*` matches any run of characters, `?` exactly one, and a backslash
 * escapes either. Matching is case-sensitive, as it is in EC2.
 */
export function matchesWildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?') && !pattern.includes('\\')) {
    return pattern === value;
  }
  return compile(pattern).test(value);
}

const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    let source = '^';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern.charAt(i);
      if (ch === '\\' && i + 1 < pattern.length) {
        i++;
        source += escapeRegExp(pattern.charAt(i));
      } else if (ch === '*') {
        source += '[\\s\\S]*';
      } else if (ch === '?') {
        source += '[\\s\\S]';
      } else {
        source += escapeRegExp(ch);
      }
    }
    re = new RegExp(`${source}$`);
    // Bounded cache: filter values come from callers and must not grow memory without limit.
    if (compiled.size > 1000) {
      compiled.clear();
    }
    compiled.set(pattern, re);
  }
  return re;
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
