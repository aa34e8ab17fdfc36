import assert from 'node:assert/strict';
import type {
  CapturedRegistration,
  ReregisterStep,
} from '../../../../src/core/model/reregistration';
import {
  describeFailureState,
  describePermission,
  describeStep,
  formatCapturedRegistration,
  planReregister,
  reregisterReportItems,
} from '../../../../src/core/model/reregistration';

const captured = (overrides: Partial<CapturedRegistration> = {}): CapturedRegistration => ({
  region: 'us-east-1',
  imageId: 'ami-0000000000000old0',
  manifestPath: 'legacy-bucket/web/image.manifest.xml',
  name: 'legacy-web',
  description: 'old web tier',
  architecture: 'x86_64',
  virtualizationType: 'paravirtual',
  rootDeviceName: '/dev/sda1',
  kernelId: 'aki-0123abcd',
  blockDeviceMappings: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }],
  launchPermissions: [{ userId: '222222222222' }, { group: 'all' }],
  tags: [
    { key: 'team', value: 'web' },
    { key: 'aws:cloudformation:stack-name', value: 'old' },
  ],
  ...overrides,
});

function steps(c: CapturedRegistration): ReregisterStep[] {
  const planned = planReregister(c);
  if ('error' in planned) throw new Error(planned.error);
  return planned;
}

describe('core/model/reregistration', () => {
  describe('planReregister', () => {
    it('deregisters, registers the same attributes, then restores permissions and settable tags', () => {
      assert.deepEqual(planReregister(captured()), [
        { kind: 'deregister', imageId: 'ami-0000000000000old0' },
        {
          kind: 'register',
          request: {
            name: 'legacy-web',
            imageLocation: 'legacy-bucket/web/image.manifest.xml',
            blockDeviceMappings: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }],
            description: 'old web tier',
            architecture: 'x86_64',
            virtualizationType: 'paravirtual',
            rootDeviceName: '/dev/sda1',
            kernelId: 'aki-0123abcd',
          },
        },
        { kind: 'restorePermissions', permissions: [{ userId: '222222222222' }, { group: 'all' }] },
        { kind: 'restoreTags', tags: [{ key: 'team', value: 'web' }] },
      ]);
    });
    it('uses a new manifest when one is given (s3:// removed), the old one when blank', () => {
      const withNew = steps(captured()).length;
      const planned = planReregister(captured(), {
        manifestPath: 's3://new-bucket/v2/image.manifest.xml',
      });
      assert.ok(!('error' in planned));
      assert.equal(planned.length, withNew);
      const register = planned[1];
      assert.equal(
        register?.kind === 'register' && register.request.imageLocation,
        'new-bucket/v2/image.manifest.xml',
      );
      const blank = planReregister(captured(), { manifestPath: '  ' });
      assert.ok(!('error' in blank));
      const again = blank[1];
      assert.equal(
        again?.kind === 'register' && again.request.imageLocation,
        'legacy-bucket/web/image.manifest.xml',
      );
    });
    it('leaves out permission and tag steps when there is nothing to restore', () => {
      assert.deepEqual(
        steps(captured({ launchPermissions: [], tags: [{ key: 'aws:x', value: '1' }] })).map(
          (s) => s.kind,
        ),
        ['deregister', 'register'],
      );
    });
    it('refuses an invalid new manifest before anything happens', () => {
      assert.deepEqual(planReregister(captured(), { manifestPath: 'nope' }), {
        error: 'Enter the manifest as bucket/path/image.manifest.xml.',
      });
    });
  });

  it('describePermission names accounts, everyone, organizations and OUs', () => {
    assert.equal(describePermission({ userId: '222222222222' }), '222222222222');
    assert.equal(describePermission({ group: 'all' }), 'everyone (public)');
    assert.equal(describePermission({ organizationArn: 'arn:org' }), 'arn:org');
    assert.equal(describePermission({ organizationalUnitArn: 'arn:ou' }), 'arn:ou');
  });

  it('describeStep says what each step does, and that the S3 bundle stays', () => {
    const c = captured();
    assert.deepEqual(
      steps(c).map((s) => describeStep(s, c)),
      [
        'Deregister ami-0000000000000old0 (legacy-web); the bundle in S3 is not touched.',
        'Register legacy-bucket/web/image.manifest.xml again as "legacy-web".',
        'Share the new image again with 222222222222, everyone (public).',
        'Tag the new image again: team=web.',
      ],
    );
  });

  it('formatCapturedRegistration is the full record as JSON', () => {
    const c = captured();
    assert.deepEqual(JSON.parse(formatCapturedRegistration(c)), c);
  });

  describe('failure states', () => {
    const c = captured();
    const s = steps(c);
    const [deregister, register, permissions, tags] = s as [
      ReregisterStep,
      ReregisterStep,
      ReregisterStep,
      ReregisterStep,
    ];

    it('no failure: no state sentence, every step succeeded', () => {
      const progress = { done: s, newImageId: 'ami-0000000000000new0' };
      assert.equal(describeFailureState(c, s, progress), undefined);
      assert.deepEqual(
        reregisterReportItems(c, s, progress).map((i) => [i.outcome, i.detail]),
        [
          ['succeeded', undefined],
          ['succeeded', 'ami-0000000000000new0'],
          ['succeeded', undefined],
          ['succeeded', undefined],
        ],
      );
    });

    it('deregistering with an unknown outcome: says it is not known, never "nothing changed"', () => {
      const progress = {
        done: [],
        failed: {
          step: deregister,
          unknown: true,
          message:
            'the request was cancelled while it was under way; a re-read still shows it registered.',
        },
      };
      const state = describeFailureState(c, s, progress) ?? '';
      assert.match(
        state,
        /^It is not known whether ami-0000000000000old0 was deregistered: the request was cancelled/,
      );
      assert.doesNotMatch(state, /Nothing changed/);
      assert.deepEqual(
        reregisterReportItems(c, s, progress).map((i) => i.outcome),
        ['unknown', 'skipped', 'skipped', 'skipped'],
      );
    });

    it('deregistering failed: nothing changed', () => {
      const progress = { done: [], failed: { step: deregister, message: 'Protected.' } };
      assert.equal(
        describeFailureState(c, s, progress),
        'Nothing changed: ami-0000000000000old0 is still registered. Deregistering failed: Protected.',
      );
      assert.deepEqual(
        reregisterReportItems(c, s, progress).map((i) => i.outcome),
        ['failed', 'skipped', 'skipped', 'skipped'],
      );
    });

    it('registering failed: the old image is gone, and the message carries its registration', () => {
      const progress = {
        done: [deregister],
        failed: { step: register, message: 'Manifest not found.' },
      };
      const state = describeFailureState(c, s, progress) ?? '';
      assert.match(
        state,
        /^ami-0000000000000old0 was deregistered; registering failed: Manifest not found\. /,
      );
      assert.match(
        state,
        /manifest legacy-bucket\/web\/image\.manifest\.xml, name "legacy-web", x86_64, paravirtual, kernel aki-0123abcd/,
      );
      assert.match(state, /shared with 222222222222, everyone \(public\)/);
      assert.match(state, /full record is in the log/);
      assert.deepEqual(
        reregisterReportItems(c, s, progress).map((i) => i.outcome),
        ['succeeded', 'failed', 'skipped', 'skipped'],
      );
    });

    it('restoring permissions failed: the new image exists; what is left to do by hand', () => {
      const progress = {
        done: [deregister, register],
        newImageId: 'ami-0000000000000new0',
        failed: { step: permissions, message: 'Public sharing is blocked.' },
      };
      assert.equal(
        describeFailureState(c, s, progress),
        'ami-0000000000000new0 replaced ami-0000000000000old0 (now deregistered), but its launch permissions were not restored: Public sharing is blocked. Still to do by hand: Share the new image again with 222222222222, everyone (public). Tag the new image again: team=web.',
      );
    });

    it('restoring tags failed: only the tags are left to do', () => {
      const progress = {
        done: [deregister, register, permissions],
        newImageId: 'ami-0000000000000new0',
        failed: { step: tags, message: 'Throttled.' },
      };
      assert.equal(
        describeFailureState(c, s, progress),
        'ami-0000000000000new0 replaced ami-0000000000000old0 (now deregistered), but its tags were not restored: Throttled. Still to do by hand: Tag the new image again: team=web.',
      );
      assert.deepEqual(
        reregisterReportItems(c, s, progress).map((i) => [i.outcome, i.detail]),
        [
          ['succeeded', undefined],
          ['succeeded', 'ami-0000000000000new0'],
          ['succeeded', undefined],
          ['failed', 'Throttled.'],
        ],
      );
    });
  });
});
