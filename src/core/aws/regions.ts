import type { RegionInfo } from '../model/regions';
import type { Ec2 } from './ec2';
import { toRegionInfos } from './mappers';

/** The EC2 action on regions. Throws `AwsApiError`, `CredentialsError` or `CancelledError`. */
export class Regions {
  constructor(private readonly ec2: Ec2) {}

  /**
   * The regions enabled for the account, asked in `homeRegion`; with `allRegions`, also those that
   * are not (with their opt-in status).
   */
  async describe(
    homeRegion: string,
    signal?: AbortSignal,
    allRegions = false,
  ): Promise<RegionInfo[]> {
    const result = await this.ec2.send(
      homeRegion,
      'DescribeRegions',
      { AllRegions: allRegions },
      signal,
    );
    return toRegionInfos(result.Regions);
  }
}
