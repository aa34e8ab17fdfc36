/**
 * Copies of the strings a mapper takes from a parsed response page.
 *
 * The SDK's XML parser cuts values out of the response text, and V8 represents a cut of 13 or more
 * characters as a view into the whole text: keeping one AMI id of a page keeps that page's entire
 * response (about 1.5 MB per 1,000 AMIs) alive. A listing of 50,000 AMIs held 77 MB that way, of
 * which about 30 MB were the AMIs. `own` makes a copy that stands alone; `shared` also makes every
 * occurrence of a value that many records repeat (state, owner, architecture, device name…) one
 * string. Use one instance per listing: it holds each shared value once for as long as it lives.
 */
export class PageStrings {
  private readonly values = new Map<string, string>();

  /** A copy of a value of its own (an id, a name, a date) that does not keep the page alive. */
  readonly own = <T extends string | undefined>(value: T): T =>
    (value === undefined ? value : standalone(value)) as T;

  /** One copy of a value many records repeat, the same string for each of them. */
  readonly shared = <T extends string | undefined>(value: T): T => {
    if (value === undefined) return value;
    let kept = this.values.get(value);
    if (kept === undefined) {
      kept = standalone(value);
      this.values.set(kept, kept);
    }
    return kept as T;
  };
}

/**
 * A string with the same characters in storage of its own. Slicing or concatenating would give
 * another view; a JSON round trip builds a flat string, is exact for every string (lone surrogates
 * included) and costs under a microsecond for the short values of an image record.
 */
function standalone(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}
