/**
 * Wraps an asynchronous check (e.g. "is this AMI name taken?", one DescribeImages call) for
 * validation as you type: waits `delayMs` after the last value, answers repeated values from a
 * cache, and answers superseded values with `undefined` (the input box ignores stale answers). A
 * check that throws counts as no objection: the operation checks again before it changes anything.
 */
export function debouncedCheck(
  check: (value: string) => Promise<string | undefined>,
  delayMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): (value: string) => Promise<string | undefined> {
  const cache = new Map<string, string | undefined>();
  let latest: string | undefined;
  return async (value) => {
    if (cache.has(value)) return cache.get(value);
    latest = value;
    await sleep(delayMs);
    if (latest !== value) return undefined;
    try {
      const result = await check(value);
      cache.set(value, result);
      return result;
    } catch {
      return undefined;
    }
  };
}
