import assert from 'node:assert/strict';
import type { PermissionEntry } from '../../../../src/core/model/launchPermissionEntries';
import {
  diffPermissions,
  entriesFromLaunchPermissions,
  entryNamedInError,
  parsePermissionInput,
  parsePermissionToken,
  toLaunchPermission,
} from '../../../../src/core/model/launchPermissionEntries';

const ORG = 'arn:aws:organizations::111111111111:organization/o-demo123456';
const OU = 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';

describe('core/model/launchPermissionEntries', () => {
  describe('parsePermissionToken', () => {
    it('accepts 12-digit accounts, organization ARNs and OU ARNs', () => {
      assert.deepEqual(parsePermissionToken('222222222222'), {
        ok: true,
        entry: { kind: 'account', value: '222222222222' },
      });
      assert.deepEqual(parsePermissionToken(` ${ORG} `), {
        ok: true,
        entry: { kind: 'organization', value: ORG },
      });
      assert.deepEqual(parsePermissionToken(OU), { ok: true, entry: { kind: 'ou', value: OU } });
      assert.deepEqual(
        parsePermissionToken(
          'arn:aws:organizations::123456789012:organization/o-abcdefghij0123456789abcdefghij01',
        ),
        {
          ok: true,
          entry: {
            kind: 'organization',
            value:
              'arn:aws:organizations::123456789012:organization/o-abcdefghij0123456789abcdefghij01',
          },
        },
      );
    });

    it('explains what is wrong with a token', () => {
      const cases: [string, RegExp][] = [
        ['12345', /exactly 12 digits \(this has 5\)/],
        ['1234567890123', /exactly 12 digits \(this has 13\)/],
        ['1234-5678-9012', /without dashes \(123456789012\)/],
        ['arn:aws:iam::111111111111:root', /not an AWS Organizations ARN/],
        ['arn:aws:organizations::111111111111:organization/o-short', /10–32 lowercase/],
        ['arn:aws:organizations::111111111111:organization/o-UPPERCASE1', /10–32 lowercase/],
        ['arn:aws:organizations::111111111111:ou/o-demo123456/ou-x', /ou-<root id>-/],
        ['alice', /neither a 12-digit account id nor/],
      ];
      for (const [token, message] of cases) {
        const parsed = parsePermissionToken(token);
        assert.equal(parsed.ok, false, token);
        if (!parsed.ok) assert.match(parsed.message, message, token);
      }
    });
  });

  describe('parsePermissionToken: partitions, public and unsafe input', () => {
    it('accepts organization and OU ARNs of the other partitions', () => {
      for (const partition of ['aws-cn', 'aws-us-gov', 'aws-eusc', 'aws-iso-b']) {
        const org = `arn:${partition}:organizations::111111111111:organization/o-demo123456`;
        assert.deepEqual(parsePermissionToken(org), {
          ok: true,
          entry: { kind: 'organization', value: org },
        });
      }
    });
    it('refuses a partition that does not exist', () => {
      const parsed = parsePermissionToken(
        'arn:awsfoo:organizations::111111111111:organization/o-demo123456',
      );
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, /not an AWS Organizations ARN/);
    });
    it('points "all" and "public" to Make Public…', () => {
      for (const token of ['all', 'public', 'Everyone']) {
        const parsed = parsePermissionToken(token);
        assert.equal(parsed.ok, false, token);
        if (!parsed.ok) assert.match(parsed.message, /use Make Public…/, token);
      }
    });
    it('quotes a refused token with control characters escaped and long input shortened', () => {
      const parsed = parsePermissionToken(`12345\u001b[0m`);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, /^"12345\\x1B\[0m" is neither/);
      const long = parsePermissionToken('x'.repeat(500));
      if (!long.ok) assert.ok(long.message.length < 200, long.message);
    });
  });

  describe('parsePermissionInput', () => {
    it('splits on commas, semicolons, spaces and newlines and drops duplicates', () => {
      const parsed = parsePermissionInput(
        `222222222222, 333333333333\n${OU};222222222222\t\t${ORG}\r\n`,
      );
      assert.deepEqual(parsed.entries, [
        { kind: 'account', value: '222222222222' },
        { kind: 'account', value: '333333333333' },
        { kind: 'ou', value: OU },
        { kind: 'organization', value: ORG },
      ]);
      assert.deepEqual(parsed.invalid, []);
    });

    it('reports invalid tokens next to the valid ones', () => {
      const parsed = parsePermissionInput('222222222222 12345 foo');
      assert.equal(parsed.entries.length, 1);
      assert.deepEqual(
        parsed.invalid.map((i) => i.token),
        ['12345', 'foo'],
      );
    });

    it('returns nothing for empty input', () => {
      assert.deepEqual(parsePermissionInput('  ,\n '), { entries: [], invalid: [] });
    });
  });

  describe('diffPermissions', () => {
    const a: PermissionEntry = { kind: 'account', value: '222222222222' };
    const b: PermissionEntry = { kind: 'account', value: '333333333333' };
    const ou: PermissionEntry = { kind: 'ou', value: OU };
    const pub: PermissionEntry = { kind: 'public' };

    it('adds what is new and removes what is gone', () => {
      assert.deepEqual(diffPermissions([a, ou], [ou, b, pub]), { add: [b, pub], remove: [a] });
    });

    it('is empty when nothing changed, whatever the order', () => {
      assert.deepEqual(diffPermissions([a, b], [b, a]), { add: [], remove: [] });
    });

    it('does not add duplicates twice', () => {
      assert.deepEqual(diffPermissions([], [a, { ...a }]), { add: [a], remove: [] });
    });

    it('removes everything for an empty wish', () => {
      assert.deepEqual(diffPermissions([a, pub], []), { add: [], remove: [a, pub] });
    });
  });

  it('maps to and from EC2 launch permissions', () => {
    assert.deepEqual(
      entriesFromLaunchPermissions([
        { userId: '222222222222' },
        { group: 'all' },
        { organizationArn: ORG },
        { organizationalUnitArn: OU },
        { userId: '222222222222' },
        {},
      ]),
      [
        { kind: 'account', value: '222222222222' },
        { kind: 'public' },
        { kind: 'organization', value: ORG },
        { kind: 'ou', value: OU },
      ],
    );
    assert.deepEqual(toLaunchPermission({ kind: 'public' }), { group: 'all' });
    assert.deepEqual(toLaunchPermission({ kind: 'ou', value: OU }), {
      organizationalUnitArn: OU,
    });
  });

  it('finds the entry an EC2 error message quotes', () => {
    const diff = {
      add: [{ kind: 'account', value: '444444444444' }] as PermissionEntry[],
      remove: [{ kind: 'ou', value: OU }] as PermissionEntry[],
    };
    assert.deepEqual(
      entryNamedInError(
        diff,
        `Invalid attribute item value "${OU}" for organizationalUnitArn item type.`,
      ),
      { kind: 'ou', value: OU },
    );
    assert.equal(entryNamedInError(diff, 'Something else'), undefined);
    assert.equal(entryNamedInError(diff, undefined), undefined);
  });
});
