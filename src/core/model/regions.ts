/** A region as DescribeRegions reports it. */
export interface RegionInfo {
  name: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  optInStatus?: string;
}

/**
 * Regions enabled by default in every AWS account (no opt-in needed). Used when DescribeRegions is not
 * allowed for the caller, so the view still has something sensible to list.
 */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];

/** Region used for account-wide calls (DescribeRegions) when nothing else says which. */
export const FALLBACK_HOME_REGION = 'us-east-1';

/** Sorts region names the way the console does: by geography prefix then name. */
export function sortRegions(regions: Iterable<string>): string[] {
  return [...new Set(regions)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
