import type * as FeaturesModule from './features';

/** The lazily loaded features module (see `./features`). */
export type FeaturesBundle = typeof FeaturesModule;

let loading: Promise<FeaturesBundle> | undefined;

/**
 * Loads the features bundle on first use. The build maps `./features` to the separate
 * `dist/features.js`, so activation loads none of the operations, wizards or panels; a failed load is
 * not cached so a later call can try again.
 */
export function loadFeatures(): Promise<FeaturesBundle> {
  loading ??= import('./features').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
