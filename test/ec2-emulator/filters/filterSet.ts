import { invalidParameterValue } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import { matchesWildcard } from './wildcard';

/** One `Filter.N` from the request. */
export interface RequestFilter {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * What a resource exposes to one filter name: the candidate values (a resource may have several,
 * e.g. one per block device), or undefined when the resource has no value for it.
 */
export type FilterAccessor<T> = (item: T) => readonly string[] | string | undefined;

/** The filter names a resource type supports; `tag:*` and tag-key/tag-value are handled here. */
export interface FilterDefinition<T> {
  readonly accessors: Readonly<Record<string, FilterAccessor<T>>>;
  readonly tagsOf?: (item: T) => ReadonlyMap<string, string>;
}

/** Reads `Filter.N.Name` / `Filter.N.Value.M`; EC2 requires a name and at least one value. */
export function readFilters(input: QueryInput): RequestFilter[] {
  return input.structList('Filter').map((f) => {
    const name = f.string('Name');
    if (name === undefined || name === '') {
      throw invalidParameterValue('The filter name must not be empty');
    }
    return { name, values: f.stringList('Value') };
  });
}

/** A compiled predicate: AND across filter names, OR across each filter's values (wildcards allowed). */
export function compileFilters<T>(
  filters: readonly RequestFilter[],
  definition: FilterDefinition<T>,
): (item: T) => boolean {
  const tests: ((item: T) => boolean)[] = filters.map((filter) => {
    if (filter.name.startsWith('tag:') && definition.tagsOf) {
      const key = filter.name.slice(4);
      const tagsOf = definition.tagsOf;
      return (item) => {
        const value = tagsOf(item).get(key);
        return value !== undefined && filter.values.some((p) => matchesWildcard(p, value));
      };
    }
    if (filter.name === 'tag-key' && definition.tagsOf) {
      const tagsOf = definition.tagsOf;
      return (item) =>
        [...tagsOf(item).keys()].some((k) => filter.values.some((p) => matchesWildcard(p, k)));
    }
    if (filter.name === 'tag-value' && definition.tagsOf) {
      const tagsOf = definition.tagsOf;
      return (item) =>
        [...tagsOf(item).values()].some((v) => filter.values.some((p) => matchesWildcard(p, v)));
    }
    const accessor = definition.accessors[filter.name];
    if (!accessor) {
      throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
    }
    return (item) => {
      const raw = accessor(item);
      if (raw === undefined) {
        return false;
      }
      const candidates = typeof raw === 'string' ? [raw] : raw;
      return candidates.some((c) => filter.values.some((p) => matchesWildcard(p, c)));
    };
  });
  return (item) => tests.every((t) => t(item));
}
