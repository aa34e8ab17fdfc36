import type { ResolvedRegions, RegionService } from './regionService';
import type { ProfileService } from './profileService';
import type { Ec2 } from '../aws/ec2';
import { CredentialsError } from '../model/errors';
import { DEFAULT_ENABLED_REGIONS } from '../model/regions';
import type { AccountIdentity } from './accountIdentity';
import type { RegionMemory } from './regionMemory';

/** What the region source needs from the composition root. */
export interface RegionSourceDeps {
  readonly api: Pick<Ec2, 'checkCredentials'>;
  readonly regionService: RegionService;
  readonly profiles: Pick<ProfileService, 'homeRegion'>;
  /** `amiExplorer.regions`. */
  readonly configuredRegions: () => readonly string[];
  readonly activeProfile: () => string | undefined;
  /** `amiExplorer.endpointUrl`: another endpoint may be another account. */
  readonly endpointUrl: () => string | undefined;
  readonly identity: AccountIdentity;
  /** Lists resolved in earlier sessions; without one, every resolution asks EC2 first. */
  readonly memory?: RegionMemory;
}

/** What the background check found after a quick answer. */
export type RegionSourceChange =
  /** The list differs from the one answered: ask `get()` again. */
  | { readonly kind: 'regions'; readonly resolved: ResolvedRegions }
  /**
   * The check failed. A `CredentialsError` means the quick answer cannot be listed: `get()` now
   * rejects with it until the next refresh. Anything else leaves the quick answer standing.
   */
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Resolves the regions both views list, once per refresh.
 *
 * With nothing known yet, credentials are checked first (so a missing login shows welcome content
 * instead of one error per region), then the home region's DescribeRegions answers. When the answer
 * is known without a round trip, it is given at once and checked in the background: the regions
 * `amiExplorer.regions` lists (their opt-in status as last seen; opt-in regions never seen are
 * `unconfirmed` until the check says), or the list remembered from an earlier session for this
 * profile and endpoint. What the check finds is remembered and, when it
 * differs, announced through `onDidChange`.
 */
export class RegionSource {
  private resolving: Promise<ResolvedRegions> | undefined;
  /** Bumped by `invalidate`, so a check started before a refresh cannot overwrite its answer. */
  private generation = 0;
  private readonly listeners: ((change: RegionSourceChange) => void)[] = [];

  constructor(private readonly deps: RegionSourceDeps) {}

  get(): Promise<ResolvedRegions> {
    if (!this.resolving) {
      const attempt = this.start(this.generation);
      this.resolving = attempt;
      // A failure is not kept: the next refresh asks again.
      attempt.catch(() => {
        if (this.resolving === attempt) this.resolving = undefined;
      });
    }
    return this.resolving;
  }

  invalidate(): void {
    this.generation++;
    this.resolving = undefined;
  }

  /** Called when a background check changes the answer or fails (see `RegionSourceChange`). */
  onDidChange(listener: (change: RegionSourceChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return {
      dispose: () => {
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners.splice(index, 1);
      },
    };
  }

  private async start(generation: number): Promise<ResolvedRegions> {
    const configured = this.deps.configuredRegions().map((r) => r.trim());
    const fromSetting = this.deps.regionService.fromSetting(configured);
    const connection = this.connectionKey();
    const remembered = this.deps.memory?.get(connection);
    const known =
      remembered && sameList(remembered.configured, fromSetting?.regions ?? [])
        ? remembered
        : undefined;
    const quick = fromSetting
      ? known
        ? withNotEnabled(fromSetting, known.resolved)
        : withUnconfirmed(fromSetting)
      : known?.resolved;
    if (!quick) return this.resolve(fromSetting?.regions ?? [], connection);
    this.deps.identity.learn(known?.accountId);
    void this.check(generation, fromSetting?.regions ?? [], connection, quick);
    return quick;
  }

  /** The full resolution: credentials, home region, DescribeRegions; remembered when it succeeds. */
  private async resolve(
    configured: readonly string[],
    connection: string,
  ): Promise<ResolvedRegions> {
    const { accountId } = await this.deps.api.checkCredentials();
    this.deps.identity.learn(accountId);
    const home = await this.deps.profiles.homeRegion(this.deps.activeProfile());
    const resolved = await this.deps.regionService.resolveRegions(configured, home);
    await this.remember(connection, {
      configured: [...configured],
      resolved,
      ...(accountId ? { accountId } : {}),
    });
    return resolved;
  }

  private async check(
    generation: number,
    configured: readonly string[],
    connection: string,
    answered: ResolvedRegions,
  ): Promise<void> {
    try {
      const fresh = await this.resolve(configured, connection);
      if (generation !== this.generation || sameResolved(fresh, answered)) return;
      this.resolving = Promise.resolve(fresh);
      this.emit({ kind: 'regions', resolved: fresh });
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof CredentialsError) {
        // What was remembered belongs to credentials that do not work now: until the next refresh,
        // the views show the problem, and that refresh asks EC2 first again.
        await this.remember(connection, undefined);
        const failed = Promise.reject(error);
        failed.catch(() => undefined);
        this.resolving = failed;
      } else if (answered.unconfirmed) {
        // Nothing tells whether those opt-in regions are enabled: list them, and let each show
        // its own error if it is not (as when DescribeRegions is not allowed).
        const settled: ResolvedRegions = { ...answered };
        delete settled.unconfirmed;
        this.resolving = Promise.resolve(settled);
        this.emit({ kind: 'regions', resolved: settled });
      }
      this.emit({ kind: 'failed', error });
    }
  }

  private async remember(
    connection: string,
    value: Parameters<RegionMemory['set']>[1],
  ): Promise<void> {
    // The memory only saves a round trip: failing to write it must not fail the listing.
    await this.deps.memory?.set(connection, value).catch(() => undefined);
  }

  private emit(change: RegionSourceChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private connectionKey(): string {
    return JSON.stringify([this.deps.activeProfile() ?? '', this.deps.endpointUrl() ?? '']);
  }
}

/** The setting's regions before any is asked about: opt-in ones are not known to be enabled. */
function withUnconfirmed(fromSetting: ResolvedRegions): ResolvedRegions {
  const unconfirmed = fromSetting.regions.filter((r) => !DEFAULT_ENABLED_REGIONS.includes(r));
  return unconfirmed.length > 0 ? { ...fromSetting, unconfirmed } : fromSetting;
}

/** The setting's regions with the opt-in status remembered for them. */
function withNotEnabled(
  fromSetting: ResolvedRegions,
  remembered: ResolvedRegions | undefined,
): ResolvedRegions {
  const notEnabled = (remembered?.notEnabled ?? []).filter((r) => fromSetting.regions.includes(r));
  return notEnabled.length > 0 ? { ...fromSetting, notEnabled } : fromSetting;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((x, i) => x === right[i]);
}

/** Whether two answers show the same regions the same way. */
function sameResolved(a: ResolvedRegions, b: ResolvedRegions): boolean {
  return (
    a.source === b.source &&
    sameList(a.regions, b.regions) &&
    sameList(a.notEnabled, b.notEnabled) &&
    sameList(a.unconfirmed, b.unconfirmed)
  );
}
