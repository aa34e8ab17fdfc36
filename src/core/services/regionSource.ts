import type { ResolvedRegions, RegionService } from './regionService';
import type { ProfileService } from './profileService';
import type { Ec2 } from '../aws/ec2';
import type { AccountIdentity } from './accountIdentity';

/**
 * Resolves the regions both views list, once per refresh: credentials are checked first so a
 * missing login shows welcome content instead of one error per region.
 */
export class RegionSource {
  private resolving: Promise<ResolvedRegions> | undefined;

  constructor(
    private readonly api: Pick<Ec2, 'checkCredentials'>,
    private readonly regionService: RegionService,
    private readonly profiles: ProfileService,
    private readonly configuredRegions: () => string[],
    private readonly activeProfile: () => string | undefined,
    private readonly identity: AccountIdentity,
  ) {}

  get(): Promise<ResolvedRegions> {
    if (!this.resolving) {
      const attempt = this.resolve();
      this.resolving = attempt;
      // A failure is not kept: the next refresh asks again.
      attempt.catch(() => {
        if (this.resolving === attempt) this.resolving = undefined;
      });
    }
    return this.resolving;
  }

  invalidate(): void {
    this.resolving = undefined;
  }

  private async resolve(): Promise<ResolvedRegions> {
    const { accountId } = await this.api.checkCredentials();
    this.identity.learn(accountId);
    const home = await this.profiles.homeRegion(this.activeProfile());
    return this.regionService.resolveRegions(this.configuredRegions(), home);
  }
}
