import assert from 'node:assert/strict';
import type { CopyInput, CopySource } from '../../../../src/core/model/copyPlan';
import {
  copyClientToken,
  copyIsEncrypted,
  copyReport,
  copySourceOf,
  encryptionNote,
  planCopy,
  validateCopyInput,
} from '../../../../src/core/model/copyPlan';
import { InputError } from '../../../../src/core/model/errors';
import { makeAmi } from '../../helpers/fixtures';

const plain: CopySource = {
  imageId: 'ami-0123456789abcdef0',
  region: 'us-east-1',
  name: 'web-server-2024.10.1',
  description: 'Web tier',
  rootDeviceType: 'ebs',
  encrypted: false,
};
const encrypted: CopySource = { ...plain, imageId: 'ami-0aaaaaaaaaaaaaaaa', encrypted: true };
const s3Backed: CopySource = {
  ...plain,
  imageId: 'ami-0bbbbbbbbbbbbbbbb',
  name: 'legacy-s3',
  rootDeviceType: 'instance-store',
};

const EU_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function input(overrides: Partial<CopyInput> = {}): CopyInput {
  return {
    sources: [plain],
    destinations: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2' }],
    name: 'web-copy',
    description: 'Web tier copy',
    copyTags: true,
    encrypt: false,
    actionId: 'action-1',
    ...overrides,
  };
}

describe('core/model/copyPlan', () => {
  describe('copySourceOf', () => {
    it('counts a source as encrypted when any EBS volume is', () => {
      const ami = makeAmi({
        imageId: 'ami-1',
        name: 'x',
        blockDevices: [
          { deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-1', encrypted: false } },
          { deviceName: '/dev/xvdb', ebs: { snapshotId: 'snap-2', encrypted: true } },
        ],
      });
      assert.equal(copySourceOf(ami).encrypted, true);
      assert.equal(copySourceOf(makeAmi({ imageId: 'ami-2' })).encrypted, false);
    });
  });

  describe('planCopy', () => {
    it('makes one CopyImage per destination, called in that destination, with exact params', () => {
      const calls = planCopy(input());
      assert.deepEqual(
        calls.map((c) => c.region),
        ['eu-west-1', 'ap-southeast-2'],
      );
      assert.equal(calls[0]?.params.Encrypted, undefined, 'unencrypted copy sends no Encrypted');
      assert.deepEqual(calls[0]?.params, {
        SourceImageId: plain.imageId,
        SourceRegion: 'us-east-1',
        Name: 'web-copy',
        Description: 'Web tier copy',
        CopyImageTags: true,
        ClientToken: copyClientToken('action-1', plain, 'eu-west-1', 'web-copy'),
      });
    });

    it('allows the source region as a destination when the name differs', () => {
      const calls = planCopy(input({ destinations: [{ region: 'us-east-1' }] }));
      assert.equal(calls[0]?.region, 'us-east-1');
    });

    it('refuses a copy into the source region under the same name (names are unique per region)', () => {
      assert.throws(
        () => planCopy(input({ name: plain.name ?? '', destinations: [{ region: 'us-east-1' }] })),
        (e: unknown) => e instanceof InputError && /needs a different name/.test(e.message),
      );
    });

    it('leaves Description out when empty and sends CopyImageTags false when asked', () => {
      const [call] = planCopy(input({ description: '  ', copyTags: false }));
      assert.equal('Description' in (call?.params ?? {}), false);
      assert.equal(call?.params.CopyImageTags, false);
    });

    it('forces encryption on for an encrypted source, even when encrypt is false', () => {
      const calls = planCopy(input({ sources: [encrypted], encrypt: false }));
      for (const c of calls) assert.equal(c.params.Encrypted, true);
      assert.equal(copyIsEncrypted(encrypted, false), true);
      assert.match(encryptionNote(encrypted), /must be encrypted too/);
    });

    it('uses a KMS key per destination region; the default key sends no KmsKeyId', () => {
      const calls = planCopy(
        input({
          encrypt: true,
          destinations: [
            { region: 'eu-west-1', kmsKey: EU_ARN },
            { region: 'ap-southeast-2', kmsKey: 'alias/aws/ebs' },
            { region: 'us-east-1', kmsKey: 'alias/team-key' },
          ],
        }),
      );
      assert.deepEqual(
        calls.map((c) => [c.region, c.params.Encrypted, c.params.KmsKeyId]),
        [
          ['eu-west-1', true, EU_ARN],
          ['ap-southeast-2', true, undefined],
          ['us-east-1', true, 'alias/team-key'],
        ],
      );
    });

    it('refuses a key ARN of another region than its destination, before any call', () => {
      assert.throws(
        () =>
          planCopy(
            input({ encrypt: true, destinations: [{ region: 'ap-southeast-2', kmsKey: EU_ARN }] }),
          ),
        (e: unknown) =>
          e instanceof InputError && /ap-southeast-2: That key is in eu-west-1/.test(e.message),
      );
    });

    it('accepts key ARNs of other partitions in their own regions', () => {
      const key = '1234abcd-12ab-34cd-56ef-1234567890ab';
      for (const [partition, region] of [
        ['aws-eusc', 'eusc-de-east-1'],
        ['aws-us-gov', 'us-gov-west-1'],
        ['aws-cn', 'cn-north-1'],
      ] as const) {
        const kmsKey = `arn:${partition}:kms:${region}:111111111111:key/${key}`;
        assert.deepEqual(
          validateCopyInput(
            input({
              sources: [{ ...plain, region }],
              encrypt: true,
              destinations: [{ region, kmsKey }],
            }),
          ),
          [],
          region,
        );
      }
    });

    it('shows a refused destination region safely', () => {
      const problems = validateCopyInput(
        input({ destinations: [{ region: 'eu-west-1\u001b', kmsKey: 'alias/k' }] }),
      );
      assert.ok(
        problems.every((p) => !p.includes('\u001b')),
        problems.join(' | '),
      );
      assert.match(problems.join(' '), /"eu-west-1\\x1B" is not a region name/);
    });

    it('refuses a malformed KMS key shape', () => {
      const problems = validateCopyInput(
        input({ encrypt: true, destinations: [{ region: 'eu-west-1', kmsKey: 'my key!' }] }),
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /^eu-west-1: Enter a KMS key id/);
    });

    it('refuses a KMS key when nothing is encrypted', () => {
      assert.match(
        validateCopyInput(
          input({ destinations: [{ region: 'eu-west-1', kmsKey: 'alias/k' }] }),
        )[0] ?? '',
        /only applies when the copy is encrypted/,
      );
    });

    it('refuses encryption for instance store-backed sources and never sends Encrypted for them', () => {
      assert.match(
        validateCopyInput(input({ sources: [s3Backed], encrypt: true })).join(' '),
        /cannot be encrypted/,
      );
      const [call] = planCopy(input({ sources: [s3Backed], encrypt: false }));
      assert.equal(call?.params.Encrypted, undefined);
    });

    it('validates name, description, regions and emptiness', () => {
      const problems = validateCopyInput(
        input({
          name: 'a!',
          description: 'x'.repeat(256),
          destinations: [{ region: 'eu-west-1' }, { region: 'eu-west-1' }, { region: 'mars' }],
        }),
      );
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.deepEqual(validateCopyInput(input({ sources: [], destinations: [] })).length, 2);
    });

    it('with several sources, each copy keeps its source name and description', () => {
      const other: CopySource = {
        ...plain,
        imageId: 'ami-0ccccccccccccccc0',
        name: 'api',
        description: undefined,
      };
      const calls = planCopy(
        input({ sources: [plain, other], name: undefined, description: undefined }),
      );
      assert.deepEqual(
        calls.map((c) => [c.params.SourceImageId, c.region, c.params.Name, c.params.Description]),
        [
          [plain.imageId, 'eu-west-1', 'web-server-2024.10.1', 'Web tier'],
          [plain.imageId, 'ap-southeast-2', 'web-server-2024.10.1', 'Web tier'],
          [other.imageId, 'eu-west-1', 'api', undefined],
          [other.imageId, 'ap-southeast-2', 'api', undefined],
        ],
      );
      assert.equal(new Set(calls.map((c) => c.params.ClientToken)).size, 4);
    });

    it('refuses an unnamed source in a multi-source copy', () => {
      const unnamed: CopySource = { ...plain, imageId: 'ami-0ddddddddddddddd0', name: undefined };
      assert.match(
        validateCopyInput(input({ sources: [plain, unnamed], name: undefined })).join(' '),
        /has no usable name/,
      );
    });
  });

  describe('copyClientToken', () => {
    it('is stable for the same action, source, destination and name (a retry makes no second copy)', () => {
      const a = planCopy(input());
      const b = planCopy(input());
      assert.deepEqual(
        a.map((c) => c.params.ClientToken),
        b.map((c) => c.params.ClientToken),
      );
    });

    it('differs per destination, per name, per source and per action', () => {
      const base = copyClientToken('a', plain, 'eu-west-1', 'n1');
      assert.notEqual(base, copyClientToken('a', plain, 'ap-southeast-2', 'n1'));
      assert.notEqual(base, copyClientToken('a', plain, 'eu-west-1', 'n2'));
      assert.notEqual(base, copyClientToken('a', encrypted, 'eu-west-1', 'n1'));
      assert.notEqual(base, copyClientToken('b', plain, 'eu-west-1', 'n1'));
      assert.notEqual(
        base,
        copyClientToken('a', { ...plain, region: 'eu-west-1' }, 'eu-west-1', 'n1'),
      );
    });

    it('fits EC2’s limit of 64 ASCII characters', () => {
      const token = copyClientToken('x'.repeat(500), plain, 'eu-west-1', 'n'.repeat(128));
      assert.ok(token.length <= 64, `${token.length}`);
      assert.match(token, /^[\x21-\x7e]+$/);
    });
  });

  describe('copyReport', () => {
    it('reports each destination on its own: one failure does not hide the others', () => {
      const [eu, ap] = planCopy(
        input({
          encrypt: true,
          destinations: [{ region: 'eu-west-1', kmsKey: EU_ARN }, { region: 'ap-southeast-2' }],
        }),
      );
      assert.ok(eu && ap);
      const report = copyReport([
        { call: eu, imageId: 'ami-0eeeeeeeeeeeeeee0' },
        { call: ap, error: 'EC2 is throttling requests in ap-southeast-2.' },
      ]);
      assert.equal(report.title, 'Copy AMI to 2 regions');
      assert.deepEqual(
        report.items.map((i) => [i.subject, i.outcome]),
        [
          [`web-server-2024.10.1 (${plain.imageId}) → eu-west-1`, 'succeeded'],
          [`web-server-2024.10.1 (${plain.imageId}) → ap-southeast-2`, 'failed'],
        ],
      );
      assert.match(
        report.items[0]?.detail ?? '',
        /ami-0eeeeeeeeeeeeeee0 "web-copy", encrypted with arn:aws:kms:eu-west-1/,
      );
      assert.match(report.items[1]?.detail ?? '', /throttling/);
    });

    it('reports calls not started because of a cancel as skipped', () => {
      const [eu] = planCopy(input());
      assert.ok(eu);
      const report = copyReport([{ call: eu, error: 'cancelled', cancelled: true }]);
      assert.equal(report.items[0]?.outcome, 'skipped');
      assert.equal(report.items[0]?.detail, 'not started: cancelled before its request was sent');
    });

    it('reports a copy found by re-reading as started, and an unknown outcome as unknown', () => {
      const [eu, ap] = planCopy(
        input({ destinations: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2' }] }),
      );
      assert.ok(eu && ap);
      const report = copyReport([
        {
          call: eu,
          imageId: 'ami-0eeeeeeeeeeeeeee0',
          confirmedByRereading: 'the request was cancelled while it was under way',
        },
        { call: ap, unknown: 'the request was cancelled while it was under way; refresh to check' },
      ]);
      assert.deepEqual(
        report.items.map((i) => [i.outcome, i.detail]),
        [
          [
            'succeeded',
            'copying as ami-0eeeeeeeeeeeeeee0 "web-copy" (pending; confirmed by re-reading: the request was cancelled while it was under way)',
          ],
          [
            'unknown',
            'unknown: the request was cancelled while it was under way; refresh to check',
          ],
        ],
      );
    });
  });
});
