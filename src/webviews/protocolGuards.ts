/**
 * Small runtime checks for inbound webview messages. A webview is a web page: whatever it posts is
 * untrusted input, so every field the host reads is checked before the host acts on it.
 */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` has no keys but the given ones, so typos and extras are refused. */
export function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

/** A string of reasonable length (no megabyte payloads through the message channel). */
export function isShortString(value: unknown, max = 2048): value is string {
  return typeof value === 'string' && value.length <= max;
}
