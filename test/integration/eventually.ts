/**
 * Retries `check` until it stops throwing, for at most `timeoutMs`, and returns its result. For
 * what the extension does in the background (a refresh after a settings change, polling): the
 * limit only turns a hang into a readable failure; the tests never assert how long it took.
 */
export async function eventually<T>(
  check: () => Promise<T> | T,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) {
        if (error instanceof Error) {
          error.message = `still failing after ${timeoutMs} ms: ${error.message}`;
        }
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
