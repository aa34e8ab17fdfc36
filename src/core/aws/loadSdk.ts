import type * as SdkModule from './sdk';

/** The lazily loaded SDK module (see `./sdk`). */
export type Sdk = typeof SdkModule;

let loading: Promise<Sdk> | undefined;

/**
 * Loads the SDK chunk on first use. The build maps `./sdk` to the separate `dist/sdk.js` bundle; a
 * failed load is not cached so a later call can try again.
 */
export function loadSdk(): Promise<Sdk> {
  loading ??= import('./sdk').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
