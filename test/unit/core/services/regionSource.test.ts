import assert from 'node:assert/strict';
import { AccountIdentity } from '../../../../src/core/services/accountIdentity';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import { Ec2 } from '../../../../src/core/aws/ec2';
import { Regions } from '../../../../src/core/aws/regions';
import { AwsApiError, CredentialsError } from '../../../../src/core/model/errors';
import { ProfileService } from '../../../../src/core/services/profileService';
import type { KeyValueStore } from '../../../../src/core/services/regionMemory';
import { RegionMemory } from '../../../../src/core/services/regionMemory';
import type { ResolvedRegions } from '../../../../src/core/services/regionService';
import { RegionService } from '../../../../src/core/services/regionService';
import type {
  RegionSourceChange,
  RegionSourceDeps,
} from '../../../../src/core/services/regionSource';
import { RegionSource } from '../../../../src/core/services/regionSource';
import { TEST_CONNECTION } from '../../helpers/ec2Mock';
import { settle } from '../../helpers/fakeClock';

/** VS Code's global state, in memory. */
export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/**
 * Records the calls RegionSource makes, in order, across its collaborators. DescribeRegions'
 * answer (`account`) and the credentials' outcome can be changed, or held (`hold`).
 */
function fakes() {
  const log: string[] = [];
  let credentialsProblem: Error | undefined;
  let describeProblem: Error | undefined;
  let account: string[] = ['eu-west-1', 'us-east-1'];
  let notEnabled: string[] = [];
  let held: Promise<void> | undefined;
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
    override async resolveRegions(
      configured: readonly string[],
      home: string,
    ): Promise<ResolvedRegions> {
      log.push(`resolveRegions([${configured.join(',')}], ${home})`);
      await held;
      if (describeProblem) throw describeProblem;
      if (configured.length > 0) {
        const off = notEnabled.filter((r) => configured.includes(r));
        return {
          regions: [...configured],
          source: 'setting',
          ...(off.length > 0 ? { notEnabled: off } : {}),
        };
      }
      return { regions: [...account], source: 'account' };
    }
  }
  const api = new FakeApi(factory, () => undefined);
  const store = new MemoryStore();
  let configured: string[] = [];
  let profile: string | undefined;
  let endpoint: string | undefined;
  const changes: RegionSourceChange[] = [];
  const deps = (overrides: Partial<RegionSourceDeps> = {}): RegionSourceDeps => ({
    api,
    regionService: new FakeRegions(new Regions(api)),
    profiles: new FakeProfiles({}),
    configuredRegions: () => configured,
    activeProfile: () => profile,
    endpointUrl: () => endpoint,
    identity: new AccountIdentity(),
    memory: new RegionMemory(store),
    ...overrides,
  });
  return {
    log,
    store,
    changes,
    /** A RegionSource over these fakes, recording what it announces. */
    source(overrides: Partial<RegionSourceDeps> = {}): RegionSource {
      const source = new RegionSource(deps(overrides));
      source.onDidChange((change) => changes.push(change));
      return source;
    },
    failCredentials: (error: Error | undefined) => {
      credentialsProblem = error;
    },
    failDescribe: (error: Error | undefined) => {
      describeProblem = error;
    },
    setAccountRegions: (regions: string[]) => {
      account = regions;
    },
    setNotEnabled: (regions: string[]) => {
      notEnabled = regions;
    },
    configure: (regions: string[]) => {
      configured = regions;
    },
    useProfile: (name: string | undefined) => {
      profile = name;
    },
    useEndpoint: (url: string | undefined) => {
      endpoint = url;
    },
    /** Holds DescribeRegions (resolveRegions) until the returned function is called. */
    hold: (): (() => void) => {
      const gate = deferred<void>();
      held = gate.promise;
      return () => {
        held = undefined;
        gate.resolve();
      };
    },
  };
}

describe('core/services/regionSource', () => {
  describe('with nothing known yet', () => {
    it('checks credentials first, then asks for the home region of the active profile', async () => {
      const f = fakes();
      f.useProfile('eu');
      assert.deepEqual(await f.source().get(), {
        regions: ['eu-west-1', 'us-east-1'],
        source: 'account',
      });
      assert.deepEqual(f.log, [
        'checkCredentials',
        'homeRegion(eu)',
        'resolveRegions([], eu-west-1)',
      ]);
    });

    it('resolves once for concurrent and later callers until invalidated', async () => {
      const f = fakes();
      const source = f.source({ memory: undefined });
      const [a, b] = await Promise.all([source.get(), source.get()]);
      assert.equal(a, b);
      await source.get();
      assert.equal(f.log.filter((l) => l === 'checkCredentials').length, 1);

      f.setAccountRegions(['ap-south-1']);
      source.invalidate();
      assert.deepEqual((await source.get()).regions, ['ap-south-1']);
      assert.equal(f.log.filter((l) => l === 'checkCredentials').length, 2);
    });

    it('stops at a credentials problem and does not keep the failure', async () => {
      const f = fakes();
      const source = f.source();
      const problem = new CredentialsError('missing', 'No AWS credentials were found.');
      f.failCredentials(problem);
      await assert.rejects(source.get(), (e: unknown) => e === problem);
      assert.deepEqual(f.log, ['checkCredentials']);

      f.failCredentials(undefined);
      assert.deepEqual((await source.get()).regions, ['eu-west-1', 'us-east-1']);
      assert.deepEqual(f.log, [
        'checkCredentials',
        'checkCredentials',
        'homeRegion(-)',
        'resolveRegions([], us-east-1)',
      ]);
    });

    it("learns the caller's account id from the credentials", async () => {
      const f = fakes();
      const identity = new AccountIdentity();
      await f.source({ identity }).get();
      assert.equal(identity.get(), '111111111111');
    });
  });

  describe('when amiExplorer.regions lists regions', () => {
    it('answers with them at once, before any call, and checks their opt-in status in the background', async () => {
      const f = fakes();
      f.configure(['us-east-1', ' af-south-1 ', 'us-east-1']);
      f.setNotEnabled(['af-south-1']);
      const release = f.hold();
      const source = f.source();
      assert.deepEqual(
        await source.get(),
        { regions: ['af-south-1', 'us-east-1'], source: 'setting', unconfirmed: ['af-south-1'] },
        'us-east-1 is enabled in every account; af-south-1 is an opt-in region',
      );
      assert.equal(f.changes.length, 0);

      release();
      await settle();
      assert.deepEqual(f.log, [
        'checkCredentials',
        'homeRegion(-)',
        'resolveRegions([af-south-1,us-east-1], us-east-1)',
      ]);
      const corrected: ResolvedRegions = {
        regions: ['af-south-1', 'us-east-1'],
        source: 'setting',
        notEnabled: ['af-south-1'],
      };
      assert.deepEqual(f.changes, [{ kind: 'regions', resolved: corrected }]);
      assert.deepEqual(await source.get(), corrected, 'get() now answers what the check found');
    });

    it('remembers the opt-in status it found, so the next session shows it at once', async () => {
      const f = fakes();
      f.configure(['us-east-1', 'af-south-1']);
      f.setNotEnabled(['af-south-1']);
      const first = f.source();
      await first.get();
      await settle();

      f.hold();
      const next = f.source();
      assert.deepEqual(await next.get(), {
        regions: ['af-south-1', 'us-east-1'],
        source: 'setting',
        notEnabled: ['af-south-1'],
      });
    });

    it('lists default-enabled regions at once with nothing to confirm', async () => {
      const f = fakes();
      f.configure(['us-west-2', 'eu-west-1']);
      f.hold();
      assert.deepEqual(await f.source().get(), {
        regions: ['eu-west-1', 'us-west-2'],
        source: 'setting',
      });
    });

    it('lists the unconfirmed regions after all when the check fails for another reason than credentials', async () => {
      const f = fakes();
      f.configure(['us-east-1', 'ap-east-1']);
      const failure = new Error('EACCES reading ~/.aws/config');
      class FailingProfiles extends ProfileService {
        override homeRegion(): Promise<string> {
          return Promise.reject(failure);
        }
      }
      const source = f.source({ profiles: new FailingProfiles({}) });
      assert.deepEqual((await source.get()).unconfirmed, ['ap-east-1']);
      await settle();
      const settled: ResolvedRegions = { regions: ['ap-east-1', 'us-east-1'], source: 'setting' };
      assert.deepEqual(f.changes, [
        { kind: 'regions', resolved: settled },
        { kind: 'failed', error: failure },
      ]);
      assert.deepEqual(await source.get(), settled);
    });

    it('rejects invalid names without asking EC2 anything', async () => {
      const f = fakes();
      f.configure(['us-east-1', 'Mars']);
      await assert.rejects(f.source().get(), { name: 'InputError' });
      assert.deepEqual(f.log, []);
    });
  });

  describe('with the list remembered from an earlier session', () => {
    it('answers with it at once, learns the remembered account, and announces nothing when the check agrees', async () => {
      const f = fakes();
      await f.source().get();
      f.log.length = 0;

      const release = f.hold();
      const identity = new AccountIdentity();
      const source = f.source({ identity });
      assert.deepEqual(await source.get(), {
        regions: ['eu-west-1', 'us-east-1'],
        source: 'account',
      });
      assert.equal(identity.get(), '111111111111');
      release();
      await settle();
      assert.deepEqual(f.log, [
        'checkCredentials',
        'homeRegion(-)',
        'resolveRegions([], us-east-1)',
      ]);
      assert.deepEqual(f.changes, []);
    });

    it('announces a list that changed since, and remembers it', async () => {
      const f = fakes();
      await f.source().get();
      f.setAccountRegions(['eu-west-1', 'me-south-1', 'us-east-1']);

      const source = f.source();
      assert.deepEqual((await source.get()).regions, ['eu-west-1', 'us-east-1']);
      await settle();
      const fresh: ResolvedRegions = {
        regions: ['eu-west-1', 'me-south-1', 'us-east-1'],
        source: 'account',
      };
      assert.deepEqual(f.changes, [{ kind: 'regions', resolved: fresh }]);
      assert.deepEqual(await source.get(), fresh);

      f.hold();
      assert.deepEqual(await f.source().get(), fresh, 'the next session starts from it');
    });

    it('keeps one list per profile and endpoint, and one for the setting it answered', async () => {
      const f = fakes();
      await f.source().get();
      f.log.length = 0;

      f.useProfile('prod');
      await f.source().get();
      f.useProfile(undefined);
      f.useEndpoint('http://127.0.0.1:4599');
      await f.source().get();
      assert.deepEqual(
        f.log.filter((l) => l === 'checkCredentials').length,
        2,
        'another profile, another endpoint: asked first',
      );

      f.useEndpoint(undefined);
      f.log.length = 0;
      f.hold();
      assert.deepEqual((await f.source().get()).regions, ['eu-west-1', 'us-east-1']);
    });

    it('shows the credentials problem when the background check finds one, and forgets the list', async () => {
      const f = fakes();
      await f.source().get();
      const problem = new CredentialsError('missing', 'No AWS credentials were found.');
      f.failCredentials(problem);

      const source = f.source();
      assert.deepEqual((await source.get()).regions, ['eu-west-1', 'us-east-1']);
      await settle();
      assert.deepEqual(f.changes, [{ kind: 'failed', error: problem }]);
      await assert.rejects(source.get(), (e: unknown) => e === problem);

      f.log.length = 0;
      source.invalidate();
      await assert.rejects(source.get(), (e: unknown) => e === problem);
      assert.deepEqual(f.log, ['checkCredentials'], 'after a refresh it asks first again');
    });

    it('keeps the remembered list when the check fails for another reason', async () => {
      const f = fakes();
      await f.source().get();
      const failure = new AwsApiError('InternalError', 'EC2 had a problem.', {}, {});
      f.failDescribe(failure);

      const source = f.source();
      const quick = await source.get();
      await settle();
      assert.deepEqual(f.changes, [{ kind: 'failed', error: failure }]);
      assert.equal(await source.get(), quick);
    });

    it('ignores a background check that finishes after a refresh', async () => {
      const f = fakes();
      await f.source().get();
      f.setAccountRegions(['us-west-2']);
      const release = f.hold();
      const source = f.source();
      await source.get();
      source.invalidate();
      release();
      await settle();
      assert.deepEqual(f.changes, [], 'the refresh asks again; the old check says nothing');
    });
  });

  describe('RegionMemory', () => {
    it('treats anything unreadable in the store as not remembered', () => {
      const store = new MemoryStore();
      const memory = new RegionMemory(store);
      for (const junk of [
        undefined,
        'x',
        [],
        { c: 1 },
        { c: { configured: 'us-east-1', resolved: { regions: [], source: 'account' } } },
        { c: { configured: [], resolved: { regions: [1], source: 'account' } } },
        { c: { configured: [], resolved: { regions: [], source: 'guess' } } },
        { c: { configured: [], resolved: { regions: [], source: 'account', notEnabled: 'x' } } },
      ]) {
        store.values.set('amiExplorer.rememberedRegions', junk);
        assert.equal(memory.get('c'), undefined, JSON.stringify(junk));
      }
    });

    it('keeps the 20 most recently written connections', async () => {
      const memory = new RegionMemory(new MemoryStore());
      for (let i = 0; i < 25; i++) {
        await memory.set(`c${i}`, { configured: [], resolved: { regions: [], source: 'account' } });
      }
      await memory.set('c7', { configured: [], resolved: { regions: ['x'], source: 'account' } });
      assert.equal(memory.get('c4'), undefined);
      assert.ok(memory.get('c5'));
      assert.deepEqual(memory.get('c7')?.resolved.regions, ['x']);
      await memory.set('c7', undefined);
      assert.equal(memory.get('c7'), undefined);
    });
  });
});
