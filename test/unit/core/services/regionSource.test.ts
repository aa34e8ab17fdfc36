import assert from 'node:assert/strict';
import { AccountIdentity } from '../../../../src/core/services/accountIdentity';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import { Ec2 } from '../../../../src/core/aws/ec2';
import { Regions } from '../../../../src/core/aws/regions';
import { CredentialsError } from '../../../../src/core/model/errors';
import { ProfileService } from '../../../../src/core/services/profileService';
import type { ResolvedRegions } from '../../../../src/core/services/regionService';
import { RegionService } from '../../../../src/core/services/regionService';
import { RegionSource } from '../../../../src/core/services/regionSource';
import { TEST_CONNECTION } from '../../helpers/ec2Mock';

/** Records the calls RegionSource makes, in order, across its three collaborators. */
function fakes() {
  const log: string[] = [];
  let credentialsProblem: Error | undefined;
  const factory = new Ec2ClientFactory(() => TEST_CONNECTION, { apiCall: () => undefined });
  class FakeApi extends Ec2 {
    override checkCredentials(): Promise<{ accountId?: string }> {
      log.push('checkCredentials');
      return credentialsProblem
        ? Promise.reject(credentialsProblem)
        : Promise.resolve({ accountId: '111111111111' });
    }
  }
  class FakeProfiles extends ProfileService {
    override homeRegion(profile: string | undefined): Promise<string> {
      log.push(`homeRegion(${profile ?? '-'})`);
      return Promise.resolve(profile === 'eu' ? 'eu-west-1' : 'us-east-1');
    }
  }
  class FakeRegions extends RegionService {
    override resolveRegions(configured: readonly string[], home: string): Promise<ResolvedRegions> {
      log.push(`resolveRegions([${configured.join(',')}], ${home})`);
      return Promise.resolve({ regions: [...configured], source: 'setting' });
    }
  }
  const api = new FakeApi(factory, () => undefined);
  return {
    log,
    api,
    regions: new FakeRegions(new Regions(api)),
    profiles: new FakeProfiles({}),
    failCredentials: (error: Error | undefined) => {
      credentialsProblem = error;
    },
  };
}

describe('core/services/regionSource', () => {
  it('checks credentials first, then asks for the home region of the active profile', async () => {
    const f = fakes();
    const source = new RegionSource(
      f.api,
      f.regions,
      f.profiles,
      () => ['sa-east-1'],
      () => 'eu',
      new AccountIdentity(),
    );
    assert.deepEqual(await source.get(), { regions: ['sa-east-1'], source: 'setting' });
    assert.deepEqual(f.log, [
      'checkCredentials',
      'homeRegion(eu)',
      'resolveRegions([sa-east-1], eu-west-1)',
    ]);
  });

  it('resolves once for concurrent and later callers until invalidated', async () => {
    const f = fakes();
    let configured = ['us-west-2'];
    const source = new RegionSource(
      f.api,
      f.regions,
      f.profiles,
      () => configured,
      () => undefined,
      new AccountIdentity(),
    );
    const [a, b] = await Promise.all([source.get(), source.get()]);
    assert.equal(a, b);
    await source.get();
    assert.equal(f.log.filter((l) => l === 'checkCredentials').length, 1);

    configured = ['ap-south-1'];
    source.invalidate();
    assert.deepEqual((await source.get()).regions, ['ap-south-1']);
    assert.equal(f.log.filter((l) => l === 'checkCredentials').length, 2);
  });

  it('stops at a credentials problem and does not keep the failure', async () => {
    const f = fakes();
    const source = new RegionSource(
      f.api,
      f.regions,
      f.profiles,
      () => ['us-east-1'],
      () => undefined,
      new AccountIdentity(),
    );
    const problem = new CredentialsError('missing', 'No AWS credentials were found.');
    f.failCredentials(problem);
    await assert.rejects(source.get(), (e: unknown) => e === problem);
    assert.deepEqual(f.log, ['checkCredentials']);

    f.failCredentials(undefined);
    assert.deepEqual((await source.get()).regions, ['us-east-1']);
    assert.deepEqual(f.log, [
      'checkCredentials',
      'checkCredentials',
      'homeRegion(-)',
      'resolveRegions([us-east-1], us-east-1)',
    ]);
  });

  it("learns the caller's account id from the credentials", async () => {
    const f = fakes();
    const identity = new AccountIdentity();
    const source = new RegionSource(
      f.api,
      f.regions,
      f.profiles,
      () => [],
      () => undefined,
      identity,
    );
    await source.get();
    assert.equal(identity.get(), '111111111111');
  });
});
