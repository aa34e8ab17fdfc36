import type { Regions } from '../aws/regions';
import { AwsApiError, InputError, isCancellation } from '../model/errors';
import { DEFAULT_ENABLED_REGIONS, sortRegions } from '../model/regions';
import { validateRegionName } from '../model/validation';
import * as l10n from '@vscode/l10n';

/** Which regions to show, and where that list came from (for the log and tooltips). */
export interface ResolvedRegions {
  regions: string[];
  source: 'setting' | 'account' | 'fallback';
  /**
   * Configured regions that DescribeRegions reports as `not-opted-in`: shown as such, and never
   * called (EC2 would only answer AuthFailure).
   */
  notEnabled?: string[];
  /** Why the fallback list is used, when it is. */
  fallbackReason?: string;
  /**
   * Configured opt-in regions whose status is still being asked (only in an answer given before
   * DescribeRegions): shown, but not listed until the status is known.
   */
  unconfirmed?: string[];
}

/** Codes meaning "you may not call DescribeRegions", where the default list is a fair answer. */
const NOT_ALLOWED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

/** Decides which regions the views list. */
export class RegionService {
  constructor(private readonly regions: Pick<Regions, 'describe'>) {}

  /**
   * The configured regions when the setting lists any; otherwise the regions enabled for the account
   * (DescribeRegions in `homeRegion`), or the default-enabled regions when that call is not allowed.
   */
  async resolveRegions(
    configured: readonly string[],
    homeRegion: string,
    signal?: AbortSignal,
  ): Promise<ResolvedRegions> {
    const fromSetting = this.fromSetting(configured);
    if (fromSetting) {
      const notEnabled = await this.notEnabledAmong(fromSetting.regions, homeRegion, signal);
      return {
        ...fromSetting,
        ...(notEnabled.length > 0 ? { notEnabled: sortRegions(notEnabled) } : {}),
      };
    }
    try {
      const regions = await this.regions.describe(homeRegion, signal);
      const enabled = regions.filter((r) => r.optInStatus !== 'not-opted-in').map((r) => r.name);
      return { regions: sortRegions(enabled), source: 'account' };
    } catch (error) {
      if (error instanceof AwsApiError && NOT_ALLOWED.has(error.code)) {
        return {
          regions: sortRegions(DEFAULT_ENABLED_REGIONS),
          source: 'fallback',
          fallbackReason: error.message,
        };
      }
      throw error;
    }
  }

  /**
   * The regions the setting lists (trimmed, deduplicated, sorted), without asking EC2 anything;
   * `undefined` when it lists none. Throws `InputError` naming the invalid entries.
   */
  fromSetting(configured: readonly string[]): ResolvedRegions | undefined {
    const wanted = configured.map((r) => r.trim()).filter((r) => r.length > 0);
    if (wanted.length === 0) return undefined;
    const problems = wanted.flatMap((r) => validateRegionName(r) ?? []);
    if (problems.length > 0) {
      throw new InputError(l10n.t('amiExplorer.regions: {0}', problems.join(' ')));
    }
    return { regions: sortRegions(wanted), source: 'setting' };
  }

  /**
   * Which of `regions` are opt-in regions not enabled for the account. When DescribeRegions cannot
   * tell (not allowed, failing), none are: those regions then show their own error.
   */
  private async notEnabledAmong(
    regions: readonly string[],
    homeRegion: string,
    signal?: AbortSignal,
  ): Promise<string[]> {
    try {
      const all = await this.regions.describe(homeRegion, signal, true);
      const status = new Map(all.map((r) => [r.name, r.optInStatus]));
      return regions.filter((r) => status.get(r) === 'not-opted-in');
    } catch (error) {
      if (isCancellation(error)) throw error;
      return [];
    }
  }
}
