import { invalidParameterValue, missingParameter } from './ec2Error';

/**
 * Read access to EC2 Query parameters (`Name`, `Name.N`, `Name.N.Member`) with EC2's validation
 * errors. A scoped view (`scope('LaunchPermission')`) reads nested structures with the same API.
 */
export class QueryInput {
  private constructor(
    private readonly params: ReadonlyMap<string, string>,
    private readonly prefix: string,
  ) {}

  /** Wraps decoded form/query parameters. */
  static of(params: ReadonlyMap<string, string>): QueryInput {
    return new QueryInput(params, '');
  }

  /** A view of the members under `name.` (a nested structure). */
  scope(name: string): QueryInput {
    return new QueryInput(this.params, `${this.prefix}${name}.`);
  }

  /** True when the parameter or any member below it was sent. */
  has(name: string): boolean {
    const key = this.prefix + name;
    if (this.params.has(key)) {
      return true;
    }
    for (const k of this.params.keys()) {
      if (k.startsWith(`${key}.`)) {
        return true;
      }
    }
    return false;
  }

  /** A scalar parameter, or undefined when absent. */
  string(name: string): string | undefined {
    return this.params.get(this.prefix + name);
  }

  /** A required scalar; EC2 answers MissingParameter when it is absent or empty. */
  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') {
      throw missingParameter(name);
    }
    return value;
  }

  /** A Boolean parameter; EC2 only accepts `true`/`false`. */
  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) {
      return undefined;
    }
    if (value === 'true') {
      return true;
    }
    if (value === 'false') {
      return false;
    }
    throw invalidParameterValue(
      `Value (${value}) for parameter ${lowerFirst(name)} is invalid. Expected: 'true' or 'false'.`,
    );
  }

  /** An integer parameter. */
  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) {
      return undefined;
    }
    if (!/^-?\d{1,10}$/.test(value)) {
      throw invalidParameterValue(
        `Value (${value}) for parameter ${lowerFirst(name)} is invalid. Expected an integer.`,
      );
    }
    return Number(value);
  }

  /** The indexes N present for `name.N…`, in numeric order (EC2 lists are 1-based and may be sparse). */
  private indexes(name: string): number[] {
    const head = `${this.prefix}${name}.`;
    const found = new Set<number>();
    for (const key of this.params.keys()) {
      if (!key.startsWith(head)) {
        continue;
      }
      const rest = key.slice(head.length);
      const match = /^(\d+)(?:\.|$)/.exec(rest);
      if (match?.[1] !== undefined) {
        found.add(Number(match[1]));
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** A list of scalars sent as `name.1`, `name.2`… */
  stringList(name: string): string[] {
    const out: string[] = [];
    for (const i of this.indexes(name)) {
      const value = this.params.get(`${this.prefix}${name}.${i}`);
      if (value !== undefined) {
        out.push(value);
      }
    }
    return out;
  }

  /** A list of structures sent as `name.1.Member`… */
  structList(name: string): QueryInput[] {
    return this.indexes(name).map((i) => this.scope(`${name}.${i}`));
  }

  /** The same parameters without MaxResults (for actions whose MaxResults range differs). */
  withoutMaxResults(): QueryInput {
    const copy = new Map(this.params);
    copy.delete(`${this.prefix}MaxResults`);
    return new QueryInput(copy, this.prefix);
  }

  /** All raw keys (for diagnostics). */
  keys(): string[] {
    return [...this.params.keys()].filter((k) => k.startsWith(this.prefix));
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Parses an `application/x-www-form-urlencoded` body plus the URL query (EC2 accepts both). */
export function parseQueryParameters(urlQuery: string, body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of [urlQuery, body]) {
    for (const [k, v] of new URLSearchParams(source)) {
      out.set(k, v);
    }
  }
  return out;
}

/** Throws the error EC2 uses when a required list is empty. */
export function requireNonEmpty<T>(items: T[], name: string): T[] {
  if (items.length === 0) {
    throw missingParameter(name);
  }
  return items;
}
