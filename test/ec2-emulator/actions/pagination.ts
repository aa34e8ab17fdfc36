import { Ec2Error, invalidParameterCombination, invalidParameterValue } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';

/** Page request: `maxResults` undefined means "everything", as EC2 does without MaxResults. */
export interface PageRequest {
  readonly maxResults?: number;
  /** Id of the last item of the previous page (keyset paging, stable under inserts). */
  readonly after?: string;
}

/**
 * Reads MaxResults/NextToken with EC2's rules: MaxResults between 5 and 1000, not together with
 * explicit ids, and a token only valid for the action that issued it.
 */
export function readPageRequest(
  input: QueryInput,
  action: string,
  idsParameter: string | undefined,
): PageRequest {
  const maxResults = input.integer('MaxResults');
  const token = input.string('NextToken');
  if (maxResults !== undefined) {
    if (idsParameter !== undefined && input.has(idsParameter)) {
      throw invalidParameterCombination(
        `The parameter ${idsParameter}s cannot be used with the parameter maxResults`,
      );
    }
    if (maxResults < 5 || maxResults > 1000) {
      throw invalidParameterValue(
        `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
      );
    }
  }
  if (token === undefined || token === '') {
    return { maxResults };
  }
  return { maxResults, after: decodeToken(token, action) };
}

/** Encodes the paging position; opaque to callers like EC2's tokens. */
export function encodeToken(action: string, lastId: string): string {
  return Buffer.from(JSON.stringify({ a: action, k: lastId }), 'utf8').toString('base64url');
}

function decodeToken(token: string, action: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { a?: unknown }).a === action &&
      typeof (parsed as { k?: unknown }).k === 'string'
    ) {
      return (parsed as { k: string }).k;
    }
  } catch {
    // Fall through to EC2's error for tokens it did not issue.
  }
  throw new Ec2Error('InvalidPaginationToken', `Invalid pagination token: ${token}`);
}

/**
 * Takes one page from a list sorted by id: items after `after` that pass `accept`, at most
 * `maxResults`, plus the token for the next page when more matching items remain.
 */
export function takePage<T>(
  sorted: readonly T[],
  idOf: (item: T) => string,
  accept: (item: T) => boolean,
  page: PageRequest,
  action: string,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (page.after !== undefined) {
    const after = page.after;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const item = sorted[mid];
      if (item !== undefined && idOf(item) <= after) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    start = lo;
  }
  const limit = page.maxResults ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  for (let i = start; i < sorted.length; i++) {
    const item = sorted[i];
    if (item === undefined || !accept(item)) {
      continue;
    }
    if (items.length === limit) {
      const last = items[items.length - 1];
      return { items, nextToken: last === undefined ? undefined : encodeToken(action, idOf(last)) };
    }
    items.push(item);
  }
  return { items };
}
