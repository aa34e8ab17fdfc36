import assert from 'node:assert/strict';
import { DEFAULT_CLEANUP_RULES } from '../../../src/core/model/cleanupPlan';
import { isBlockDevicesToHost } from '../../../src/webviews/blockDevices/protocol';
import { isCleanupToHost } from '../../../src/webviews/cleanup/protocol';
import {
  isPermissionEntry,
  isPermissionsToHost,
} from '../../../src/webviews/launchPermissions/protocol';
import { identityFrom } from '../../../src/webviews/panelState';

const OU = 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';

describe('webviews/protocol guards', () => {
  describe('block devices: webview → host', () => {
    it('accepts every well-formed message', () => {
      for (const m of [
        { type: 'ready' },
        { type: 'refresh' },
        { type: 'openImageJson' },
        { type: 'openSnapshotJson', snapshotId: 'snap-0123456789abcdef0' },
        { type: 'copy', value: 'arn:aws:kms:us-east-1:111111111111:key/x' },
      ]) {
        assert.equal(isBlockDevicesToHost(m), true, JSON.stringify(m));
      }
    });

    it('refuses malformed messages', () => {
      for (const m of [
        undefined,
        null,
        'ready',
        [],
        {},
        { type: 'nope' },
        { type: 'ready', extra: 1 },
        { type: 'openSnapshotJson' },
        { type: 'openSnapshotJson', snapshotId: 'vol-12345678' },
        { type: 'openSnapshotJson', snapshotId: '../../etc/passwd' },
        { type: 'copy', value: '' },
        { type: 'copy', value: 42 },
        { type: 'copy', value: 'x'.repeat(5000) },
        { type: 'copy', value: 'x', command: 'workbench.action.terminal.new' },
      ]) {
        assert.equal(isBlockDevicesToHost(m), false, JSON.stringify(m));
      }
    });
  });

  describe('launch permissions: webview → host', () => {
    it('accepts well-formed messages', () => {
      for (const m of [
        { type: 'ready' },
        { type: 'refresh' },
        { type: 'openImageJson' },
        { type: 'apply', desired: [], syncSnapshots: false },
        {
          type: 'apply',
          desired: [
            { kind: 'public' },
            { kind: 'account', value: '222222222222' },
            { kind: 'ou', value: OU },
          ],
          syncSnapshots: true,
        },
      ]) {
        assert.equal(isPermissionsToHost(m), true, JSON.stringify(m));
      }
    });

    it('refuses malformed messages and entries', () => {
      for (const m of [
        { type: 'apply' },
        { type: 'apply', desired: [] },
        { type: 'apply', desired: 'all', syncSnapshots: true },
        { type: 'apply', desired: [], syncSnapshots: 'yes' },
        { type: 'apply', desired: [{ kind: 'account', value: '12345' }], syncSnapshots: false },
        { type: 'apply', desired: [{ kind: 'account', value: OU }], syncSnapshots: false },
        { type: 'apply', desired: [{ kind: 'ou', value: '222222222222' }], syncSnapshots: false },
        { type: 'apply', desired: [{ kind: 'public', value: 'x' }], syncSnapshots: false },
        { type: 'apply', desired: [null], syncSnapshots: false },
        { type: 'apply', desired: [], syncSnapshots: false, imageId: 'ami-12345678' },
        {
          type: 'apply',
          desired: Array.from({ length: 1001 }, () => ({ kind: 'public' })),
          syncSnapshots: false,
        },
        { type: 'makePublic' },
      ]) {
        assert.equal(isPermissionsToHost(m), false, JSON.stringify(m));
      }
    });

    it('checks the value of an entry against its kind', () => {
      assert.equal(isPermissionEntry({ kind: 'account', value: '222222222222' }), true);
      assert.equal(isPermissionEntry({ kind: 'account', value: ' 222222222222' }), false);
      assert.equal(isPermissionEntry({ kind: 'organization', value: OU }), false);
      assert.equal(isPermissionEntry({ kind: 'everyone' }), false);
    });
  });

  it('restores a panel only for a valid region and AMI id from the saved state', () => {
    assert.deepEqual(identityFrom({ region: 'us-east-1', imageId: 'ami-12345678', desired: [] }), {
      region: 'us-east-1',
      imageId: 'ami-12345678',
    });
    for (const bad of [
      undefined,
      null,
      'x',
      { region: 'us-east-1' },
      { region: 'nowhere', imageId: 'ami-12345678' },
      { region: 'us-east-1', imageId: 'i-12345678' },
      { region: 'us-east-1', imageId: 42 },
    ]) {
      assert.equal(identityFrom(bad), undefined, JSON.stringify(bad));
    }
  });
  describe('cleanup assistant: webview → host', () => {
    const rules = { ...DEFAULT_CLEANUP_RULES, olderThanDays: 90, notLaunchedForDays: 30 };
    it('accepts well-formed messages', () => {
      for (const good of [
        { type: 'ready' },
        { type: 'deregister' },
        { type: 'export', format: 'json' },
        { type: 'export', format: 'csv' },
        { type: 'plan', regions: ['us-east-1', 'eu-west-1'], rules },
        { type: 'plan', regions: ['us-east-1'], rules: { ...rules, protectTag: { key: 'keep' } } },
        { type: 'plan', regions: ['us-east-1'], rules: { ...DEFAULT_CLEANUP_RULES } },
      ]) {
        assert.equal(isCleanupToHost(good), true, JSON.stringify(good));
      }
    });

    it('refuses malformed messages and rules', () => {
      const plan = (r: unknown, regions: unknown = ['us-east-1']): unknown => ({
        type: 'plan',
        regions,
        rules: r,
      });
      for (const bad of [
        null,
        [],
        { type: 'deregister', imageIds: ['ami-12345678'] },
        { type: 'export', format: 'xml' },
        plan(rules, []),
        plan(rules, ['nowhere']),
        plan(rules, 'us-east-1'),
        plan(rules, Array(65).fill('us-east-1')),
        plan({ ...rules, keepNewest: -1 }),
        plan({ ...rules, keepNewest: 1.5 }),
        plan({ ...rules, keepNewest: '3' }),
        plan({ ...rules, olderThanDays: 1e9 }),
        plan({ ...rules, notLaunchedForDays: null }),
        plan({ ...rules, includePublic: 'yes' }),
        plan({ ...rules, requireUnreferenced: undefined }),
        plan({ ...rules, extra: true }),
        plan({ ...rules, protectTag: { key: 'k'.repeat(129) } }),
        plan({ ...rules, protectTag: { key: 'keep', value: 'v'.repeat(257) } }),
        plan({ ...rules, protectTag: { key: 'keep', other: 1 } }),
        plan({ ...rules, protectTag: 'keep=true' }),
        { type: 'plan', regions: ['us-east-1'], rules, more: 1 },
      ]) {
        assert.equal(isCleanupToHost(bad), false, JSON.stringify(bad)?.slice(0, 200));
      }
    });
  });
});
