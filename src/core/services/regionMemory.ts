import type { ResolvedRegions } from './regionService';

/** A region list resolved in an earlier session, for one profile and endpoint. */
export interface RememberedRegions {
  /** The `amiExplorer.regions` setting it answered (trimmed; empty: the account's regions). */
  readonly configured: readonly string[];
  readonly resolved: ResolvedRegions;
  /** The caller's account id, when the credentials told it. */
  readonly accountId?: string;
}

/** The part of VS Code's `Memento` (global state) the memory needs; no `vscode` import in core. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The global-state key; one record, by connection key (profile and endpoint). */
export const REGION_MEMORY_KEY = 'amiExplorer.rememberedRegions';

/** At most this many connections are remembered (the most recent ones). */
const MAX_ENTRIES = 20;

/**
 * Region lists kept between sessions, so the views can show and start listing regions at once and
 * refresh the list in the background. Anything unreadable in the store counts as not remembered.
 */
export class RegionMemory {
  constructor(private readonly store: KeyValueStore) {}

  get(connection: string): RememberedRegions | undefined {
    return parseRemembered(this.entries()[connection]);
  }

  /** Remembers (or, with `undefined`, forgets) the list of one connection. */
  async set(connection: string, value: RememberedRegions | undefined): Promise<void> {
    const others = Object.entries(this.entries()).filter(([key]) => key !== connection);
    const kept = others.slice(-(MAX_ENTRIES - 1));
    const next = Object.fromEntries(value ? [...kept, [connection, value]] : kept);
    await this.store.update(REGION_MEMORY_KEY, next);
  }

  private entries(): Record<string, unknown> {
    const all = this.store.get(REGION_MEMORY_KEY);
    return typeof all === 'object' && all !== null && !Array.isArray(all)
      ? (all as Record<string, unknown>)
      : {};
  }
}

const SOURCES: readonly ResolvedRegions['source'][] = ['setting', 'account', 'fallback'];

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A remembered entry when it has the expected shape, otherwise `undefined`. */
export function parseRemembered(value: unknown): RememberedRegions | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { configured, resolved, accountId } = value as Record<string, unknown>;
  if (!isStringArray(configured) || typeof resolved !== 'object' || resolved === null) {
    return undefined;
  }
  const { regions, source, notEnabled, fallbackReason } = resolved as Record<string, unknown>;
  if (!isStringArray(regions) || !SOURCES.includes(source as ResolvedRegions['source'])) {
    return undefined;
  }
  if (notEnabled !== undefined && !isStringArray(notEnabled)) return undefined;
  return {
    configured,
    resolved: {
      regions,
      source: source as ResolvedRegions['source'],
      ...(notEnabled && notEnabled.length > 0 ? { notEnabled } : {}),
      ...(typeof fallbackReason === 'string' ? { fallbackReason } : {}),
    },
    ...(typeof accountId === 'string' ? { accountId } : {}),
  };
}
