import assert from 'node:assert/strict';
import {
  DEFAULT_ENABLED_REGIONS,
  FALLBACK_HOME_REGION,
  sortRegions,
} from '../../../../src/core/model/regions';
import { isRegionName } from '../../../../src/core/model/validation';

describe('core/model/regions', () => {
  it('lists the 17 regions every account has without opting in', () => {
    assert.equal(DEFAULT_ENABLED_REGIONS.length, 17);
    assert.equal(new Set(DEFAULT_ENABLED_REGIONS).size, 17);
    for (const region of DEFAULT_ENABLED_REGIONS) assert.equal(isRegionName(region), true, region);
    for (const optIn of ['af-south-1', 'ap-east-1', 'me-south-1', 'eu-south-1', 'il-central-1']) {
      assert.equal(DEFAULT_ENABLED_REGIONS.includes(optIn), false, optIn);
    }
    assert.ok(DEFAULT_ENABLED_REGIONS.includes('us-east-1'));
    assert.ok(DEFAULT_ENABLED_REGIONS.includes('sa-east-1'));
  });

  it('falls back to us-east-1 for account-wide calls', () => {
    assert.equal(FALLBACK_HOME_REGION, 'us-east-1');
  });

  it('sortRegions sorts by name with numbers in numeric order and drops duplicates', () => {
    assert.deepEqual(
      sortRegions([
        'us-west-2',
        'ap-southeast-10',
        'eu-west-1',
        'ap-southeast-2',
        'us-west-2',
        'ap-east-1',
      ]),
      ['ap-east-1', 'ap-southeast-2', 'ap-southeast-10', 'eu-west-1', 'us-west-2'],
    );
    assert.deepEqual(sortRegions(new Set<string>()), []);
  });
});
