import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileService, sharedFilePaths } from '../../../../src/core/services/profileService';

describe('core/services/profileService', () => {
  let dir = '';
  let config = '';
  let credentials = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ami-explorer-profiles-'));
    config = join(dir, 'config');
    credentials = join(dir, 'credentials');
    writeFileSync(
      config,
      [
        '[default]',
        'region = eu-west-1',
        '[profile dev]',
        'sso_session = corp',
        'region = ap-southeast-2',
        '[profile noregion]',
        'role_arn = arn:aws:iam::111111111111:role/x',
        '[sso-session corp]',
        'sso_region = us-east-1',
      ].join('\n'),
    );
    writeFileSync(credentials, '[ci]\naws_access_key_id = AKID\naws_secret_access_key = s\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const files = (): NodeJS.ProcessEnv => ({
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  });

  describe('sharedFilePaths', () => {
    it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
      assert.deepEqual(
        sharedFilePaths({ AWS_CONFIG_FILE: '/a/c', AWS_SHARED_CREDENTIALS_FILE: '/a/k' }),
        {
          config: '/a/c',
          credentials: '/a/k',
        },
      );
    });

    it('defaults to ~/.aws/config and ~/.aws/credentials under HOME, else USERPROFILE', () => {
      assert.deepEqual(sharedFilePaths({ HOME: '/home/me' }), {
        config: join('/home/me', '.aws', 'config'),
        credentials: join('/home/me', '.aws', 'credentials'),
      });
      assert.deepEqual(sharedFilePaths({ USERPROFILE: '/Users/me' }), {
        config: join('/Users/me', '.aws', 'config'),
        credentials: join('/Users/me', '.aws', 'credentials'),
      });
    });
  });

  describe('listProfiles', () => {
    it('reads both files from the injected environment', async () => {
      const profiles = await new ProfileService(files()).listProfiles();
      assert.deepEqual(profiles, [
        { name: 'default', kind: 'other', sources: ['config'], region: 'eu-west-1' },
        { name: 'ci', kind: 'static', sources: ['credentials'] },
        { name: 'dev', kind: 'sso', sources: ['config'], region: 'ap-southeast-2' },
        { name: 'noregion', kind: 'role', sources: ['config'] },
      ]);
    });

    it('treats missing files as empty', async () => {
      const service = new ProfileService({
        AWS_CONFIG_FILE: join(dir, 'missing-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing-credentials'),
      });
      assert.deepEqual(await service.listProfiles(), []);
    });

    it('fails on an unreadable path other than a missing file', async () => {
      const folder = join(dir, 'a-folder');
      mkdirSync(folder, { recursive: true });
      const service = new ProfileService({
        AWS_CONFIG_FILE: folder,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
      });
      await assert.rejects(service.listProfiles(), { code: 'EISDIR' });
    });
  });

  describe('homeRegion', () => {
    it('prefers AWS_REGION, then AWS_DEFAULT_REGION', async () => {
      assert.equal(
        await new ProfileService({
          ...files(),
          AWS_REGION: 'sa-east-1',
          AWS_DEFAULT_REGION: 'ca-central-1',
        }).homeRegion('dev'),
        'sa-east-1',
      );
      assert.equal(
        await new ProfileService({ ...files(), AWS_DEFAULT_REGION: 'ca-central-1' }).homeRegion(
          'dev',
        ),
        'ca-central-1',
      );
    });

    it("then the given profile's region, else AWS_PROFILE's, else default's", async () => {
      assert.equal(await new ProfileService(files()).homeRegion('dev'), 'ap-southeast-2');
      assert.equal(
        await new ProfileService({ ...files(), AWS_PROFILE: 'dev' }).homeRegion(undefined),
        'ap-southeast-2',
      );
      assert.equal(await new ProfileService(files()).homeRegion(undefined), 'eu-west-1');
    });

    it('falls back to us-east-1 for a profile without a region or an unknown profile', async () => {
      assert.equal(await new ProfileService(files()).homeRegion('noregion'), 'us-east-1');
      assert.equal(await new ProfileService(files()).homeRegion('ghost'), 'us-east-1');
    });

    it('ignores an empty AWS_REGION', async () => {
      assert.equal(
        await new ProfileService({ ...files(), AWS_REGION: '' }).homeRegion('dev'),
        'ap-southeast-2',
      );
    });
  });
});
