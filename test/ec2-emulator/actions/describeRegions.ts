import { compileFilters, readFilters } from '../filters/filterSet';
import { invalidParameterValue } from '../protocol/ec2Error';
import { el, listEl } from '../protocol/xmlWriter';
import type { RegionConfig } from '../state/regionCatalog';
import type { ActionHandler } from './actionContext';

/**
 * DescribeRegions: the regions enabled for the account, or all of them (with their opt-in status)
 * when AllRegions is true. Regions named explicitly are returned whatever their status.
 */
export const describeRegions: ActionHandler = ({ input, world }) => {
  const allRegions = input.boolean('AllRegions') ?? false;
  const names = input.stringList('RegionName');
  const matches = compileFilters<RegionConfig>(readFilters(input), {
    accessors: {
      endpoint: (r) => endpointOf(r.name),
      'opt-in-status': (r) => r.optInStatus,
      'region-name': (r) => r.name,
    },
  });
  let regions: RegionConfig[];
  if (names.length > 0) {
    regions = names.map((name) => {
      const region = world.regions.get(name);
      if (!region) {
        throw invalidParameterValue(`Invalid region: ${name}`);
      }
      return region;
    });
  } else {
    regions = allRegions ? world.regions.all() : world.regions.enabled();
  }
  return [
    listEl('regionInfo', regions.filter(matches), (r) => [
      el('regionName', r.name),
      el('regionEndpoint', endpointOf(r.name)),
      el('optInStatus', r.optInStatus),
    ]),
  ];
};

function endpointOf(region: string): string {
  return `ec2.${region}.amazonaws.com`;
}
