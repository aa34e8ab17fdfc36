import type * as SdkModule from './sdk';

/** The lazily loaded SDK module (see `./sdk`). */
export type Sdk = typeof SdkModule;

let loading: Promise<Sdk> | undefined;
let loadChunk: () => Promise<Sdk> = () => import('./sdk');

/**
 * Loads the SDK chunk on first use. The build maps `./sdk` to the separate `dist/sdk.js` bundle; a
 * failed load is not cached so a later call can try again.
 */
export function loadSdk(): Promise<Sdk> {
  loading ??= loadChunk().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Has the SDK chunk loaded by `load` instead of a plain `require` (the extension compiles it with
 * V8's code cache: most of the cost of loading it is compiling 0.8 MB of JavaScript). Takes effect
 * for a load that has not started yet.
 */
export function loadSdkWith(load: () => Sdk): void {
  loadChunk = () => Promise.resolve().then(load);
}
