/**
 * What `activate` hands to whoever activates the extension: its parts in development and test mode
 * (integration tests drive them), nothing in production, so no other installed extension can reach
 * a service, a panel's dependencies or a confirmation.
 */
export function testApi<T>(production: boolean, parts: () => T): T | undefined {
  return production ? undefined : parts();
}
