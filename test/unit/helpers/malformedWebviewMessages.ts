import { Prng } from '../../ec2-emulator/state/prng';

/**
 * Malformed webview → host messages for both panels, the same list for the guard unit tests and
 * the integration tests that send them to the real panel controllers. A webview is a web page:
 * anything it posts is untrusted, so every one of these must be ignored (and logged) by the host.
 *
 * The list is generated, not random at run time: the seeded generator gives the same messages on
 * every run and machine, so a failure names a case that can be reproduced.
 */

/** Which panel a corpus is for. */
export type FuzzPanel = 'blockDevices' | 'launchPermissions';

/** One malformed message and a short name to report it by. */
export interface FuzzCase {
  readonly name: string;
  readonly message: unknown;
}

/** The seed of the generated parts; change it only together with the expectations. */
export const FUZZ_SEED = 'webview-fuzz';

/** One megabyte: beyond any limit of the protocol, cheap enough to send a few dozen times. */
const MEGABYTE = 1024 * 1024;

/**
 * Deep enough that `JSON.stringify` overflows the stack, while `JSON.parse`, which is not
 * recursive in V8, still reads such a message: the host can receive what it cannot stringify.
 */
const DEEP = 100_000;

const ORG = 'arn:aws:organizations::111111111111:organization/o-demo123456';
const OU = 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';
const SNAPSHOT = 'snap-0123456789abcdef0';

/** Every valid no-payload type: the panels share them. */
const BARE_TYPES = ['ready', 'refresh', 'openImageJson'] as const;

/** `levels` objects nested through `key`, the innermost holding `leaf`. */
export function nested(levels: number, leaf: unknown, key = 'next'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { [key]: value };
  return value;
}

/** `levels` arrays nested in one another. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** What the webview channel delivers: `JSON.parse` makes `__proto__` an own key, not a prototype. */
function parsed(json: string): unknown {
  return JSON.parse(json) as unknown;
}

/** Messages neither panel accepts, whatever it is. */
function commonCases(): FuzzCase[] {
  const huge = 'x'.repeat(MEGABYTE);
  const cases: FuzzCase[] = [
    // Not an object at all.
    { name: 'undefined', message: undefined },
    { name: 'null', message: null },
    { name: 'zero', message: 0 },
    { name: 'negative number', message: -1 },
    { name: 'NaN', message: Number.NaN },
    { name: 'Infinity', message: Number.POSITIVE_INFINITY },
    { name: 'true', message: true },
    { name: 'false', message: false },
    { name: 'empty string', message: '' },
    { name: 'type as a bare string', message: 'ready' },
    { name: 'refresh as a bare string', message: 'refresh' },
    { name: 'unparsed JSON text', message: '{"type":"refresh"}' },
    { name: '1 MB string', message: huge },
    { name: 'ArrayBuffer', message: new ArrayBuffer(16) },
    { name: 'Uint8Array', message: new Uint8Array([123, 125]) },
    // Arrays instead of objects.
    { name: 'empty array', message: [] },
    { name: 'array of a valid message', message: [{ type: 'refresh' }] },
    { name: 'array of type strings', message: ['ready'] },
    { name: 'array with a type property', message: Object.assign([], { type: 'refresh' }) },
    // Missing or wrongly typed `type`.
    { name: 'empty object', message: {} },
    { name: 'type null', message: { type: null } },
    { name: 'type number', message: { type: 1 } },
    { name: 'type boolean', message: { type: true } },
    { name: 'type array', message: { type: ['refresh'] } },
    { name: 'type object', message: { type: { toString: 'refresh' } } },
    { name: 'type in capitals', message: { type: 'REFRESH' } },
    { name: 'type capitalised', message: { type: 'Refresh' } },
    { name: 'type with a leading space', message: { type: ' refresh' } },
    { name: 'type with a trailing space', message: { type: 'refresh ' } },
    { name: 'type with a trailing newline', message: { type: 'refresh\n' } },
    { name: 'type with a NUL', message: { type: 'refresh\u0000' } },
    { name: 'type of 1 MB', message: { type: huge } },
    { name: 'Type key in capitals', message: { Type: 'refresh' } },
    { name: 'kind instead of type', message: { kind: 'refresh' } },
    { name: 'command instead of type', message: { command: 'refresh' } },
    // Types no panel knows, including the host's own message types echoed back.
    ...[
      'runCommand',
      'executeCommand',
      'openExternal',
      'openFile',
      'eval',
      'setState',
      'dispose',
      'init',
      'loading',
      'loadFailed',
      'notice',
      'applying',
      'applyFailed',
      'makePublic',
      'deregister',
      'modifyImageAttribute',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ].map((type) => ({ name: `unknown type ${type}`, message: { type } })),
    {
      name: 'unknown type with a command',
      message: { type: 'runCommand', command: 'workbench.action.terminal.new' },
    },
    // Valid types with fields they do not have.
    ...BARE_TYPES.flatMap((type) => [
      { name: `${type} with a number field`, message: { type, extra: 1 } },
      { name: `${type} with another image`, message: { type, imageId: 'ami-0123456789abcdef0' } },
      { name: `${type} with another region`, message: { type, region: 'eu-west-1' } },
      {
        name: `${type} with a command`,
        message: { type, command: 'workbench.action.terminal.new' },
      },
      { name: `${type} with a null field`, message: { type, payload: null } },
      { name: `${type} with 1 MB of padding`, message: { type, padding: huge } },
      { name: `${type} with a 1 MB key`, message: { type, [huge]: true } },
    ]),
    // Prototype-pollution keys, as the channel delivers them (own keys after JSON.parse).
    { name: '__proto__ holding the type', message: parsed('{"__proto__":{"type":"refresh"}}') },
    {
      name: 'refresh with __proto__',
      message: parsed('{"type":"refresh","__proto__":{"polluted":true}}'),
    },
    {
      name: 'ready with constructor.prototype',
      message: parsed('{"type":"ready","constructor":{"prototype":{"polluted":true}}}'),
    },
    {
      name: 'constructor.prototype holding the type',
      message: parsed('{"constructor":{"prototype":{"type":"refresh"}}}'),
    },
    { name: 'refresh with prototype', message: parsed('{"type":"refresh","prototype":{}}') },
    {
      name: 'openImageJson with hasOwnProperty',
      message: parsed('{"type":"openImageJson","hasOwnProperty":"type"}'),
    },
    { name: 'refresh with toString', message: parsed('{"type":"refresh","toString":1}') },
    // Deep nesting.
    { name: 'refresh nested 100 deep', message: nested(100, { type: 'refresh' }) },
    { name: `refresh nested ${DEEP} deep`, message: nested(DEEP, { type: 'refresh' }) },
    { name: `arrays ${DEEP} deep`, message: nestedArrays(DEEP) },
    {
      name: `refresh with a payload ${DEEP} deep`,
      message: { type: 'refresh', next: nested(DEEP, 1) },
    },
    {
      // Neither JSON.stringify (too deep) nor String (toString is not a function) can show it.
      name: `unprintable: toString not callable, ${DEEP} deep`,
      message: { toString: 1, valueOf: 1, next: nested(DEEP, 1) },
    },
  ];
  return cases;
}

/** Snapshot ids that are not `snap-` and 8 or 17 lowercase hex digits. */
function badSnapshotIds(prng: Prng): { name: string; value: unknown }[] {
  const fixed: { name: string; value: unknown }[] = [
    { name: 'null', value: null },
    { name: 'a number', value: 123 },
    { name: 'true', value: true },
    { name: 'an array', value: [SNAPSHOT] },
    { name: 'an object', value: { snapshotId: SNAPSHOT } },
    { name: 'empty', value: '' },
    { name: 'the prefix only', value: 'snap-' },
    { name: 'capital hex', value: 'snap-0123456789ABCDEF0' },
    { name: 'capital prefix', value: 'SNAP-0123456789abcdef0' },
    { name: 'a volume id', value: 'vol-0123456789abcdef0' },
    { name: 'an AMI id', value: 'ami-0123456789abcdef0' },
    { name: 'non-hex digits', value: 'snap-0123456789ghijkl0' },
    { name: 'a leading space', value: ` ${SNAPSHOT}` },
    { name: 'a trailing space', value: `${SNAPSHOT} ` },
    { name: 'a trailing newline', value: `${SNAPSHOT}\n` },
    { name: 'a NUL', value: `${SNAPSHOT}\u0000` },
    { name: 'a path after it', value: `${SNAPSHOT}/../../etc/passwd` },
    { name: 'a path', value: '../../etc/passwd' },
    { name: 'a file URI', value: 'file:///etc/passwd' },
    { name: 'an ami: URI', value: `ami:/us-east-1/${SNAPSHOT}.json` },
    { name: 'a query', value: `${SNAPSHOT}?region=eu-west-1` },
    { name: 'URL-encoded', value: 'snap%2D0123456789abcdef0' },
    { name: 'an ARN', value: `arn:aws:ec2:us-east-1::snapshot/${SNAPSHOT}` },
    { name: 'of 1 MB', value: `snap-${'0'.repeat(MEGABYTE)}` },
  ];
  // Hex of every wrong length up to 24, in a seeded order of digits.
  const lengths = Array.from({ length: 25 }, (_, n) => n).filter((n) => n !== 8 && n !== 17);
  const generated = lengths.map((n) => ({
    name: `${n} hex digits`,
    value: `snap-${prng.hex(n)}`,
  }));
  return [...fixed, ...generated];
}

function blockDevicesCases(prng: Prng): FuzzCase[] {
  const huge = 'x'.repeat(MEGABYTE);
  return [
    // Payload types on the wrong panel.
    {
      name: 'apply (the other panel)',
      message: { type: 'apply', desired: [], syncSnapshots: false },
    },
    // openSnapshotJson
    { name: 'openSnapshotJson without an id', message: { type: 'openSnapshotJson' } },
    ...badSnapshotIds(prng).map(({ name, value }) => ({
      name: `openSnapshotJson: ${name}`,
      message: { type: 'openSnapshotJson', snapshotId: value },
    })),
    {
      name: 'openSnapshotJson with the id under another key',
      message: { type: 'openSnapshotJson', snapshot: SNAPSHOT },
    },
    {
      name: 'openSnapshotJson with another region',
      message: { type: 'openSnapshotJson', snapshotId: SNAPSHOT, region: 'eu-west-1' },
    },
    {
      name: 'openSnapshotJson with a resourceId',
      message: {
        type: 'openSnapshotJson',
        snapshotId: SNAPSHOT,
        resourceId: 'i-0123456789abcdef0',
      },
    },
    {
      name: 'openSnapshotJson with __proto__',
      message: parsed(`{"type":"openSnapshotJson","snapshotId":"${SNAPSHOT}","__proto__":{}}`),
    },
    // copy
    { name: 'copy without a value', message: { type: 'copy' } },
    { name: 'copy: empty', message: { type: 'copy', value: '' } },
    { name: 'copy: a number', message: { type: 'copy', value: 42 } },
    { name: 'copy: zero', message: { type: 'copy', value: 0 } },
    { name: 'copy: true', message: { type: 'copy', value: true } },
    { name: 'copy: null', message: { type: 'copy', value: null } },
    { name: 'copy: an object', message: { type: 'copy', value: { text: 'x' } } },
    { name: 'copy: an object with toString', message: { type: 'copy', value: { toString: 'x' } } },
    { name: 'copy: an array', message: { type: 'copy', value: ['x'] } },
    { name: 'copy: bytes', message: { type: 'copy', value: new Uint8Array([120]) } },
    { name: 'copy: 2049 characters', message: { type: 'copy', value: 'x'.repeat(2049) } },
    { name: 'copy: 1 MB', message: { type: 'copy', value: huge } },
    { name: 'copy: nested 100 deep', message: { type: 'copy', value: nested(100, 'x') } },
    { name: 'copy with text instead of value', message: { type: 'copy', text: 'x' } },
    {
      name: 'copy with a command',
      message: { type: 'copy', value: 'x', command: 'workbench.action.terminal.new' },
    },
    {
      name: 'copy with __proto__',
      message: parsed('{"type":"copy","value":"x","__proto__":{"value":"y"}}'),
    },
    {
      name: 'copy with constructor',
      message: parsed('{"type":"copy","value":"x","constructor":{"prototype":{}}}'),
    },
    // Seeded: values of every JSON kind but string.
    ...Array.from({ length: 10 }, (_, i) => ({
      name: `copy: generated non-string ${i}`,
      message: { type: 'copy', value: nonString(prng) },
    })),
  ];
}

/** A JSON value that is not a string (nor contains one at the top). */
function nonString(prng: Prng): unknown {
  switch (prng.int(0, 5)) {
    case 0:
      return prng.int(-1e9, 1e9);
    case 1:
      return prng.next() < 0.5;
    case 2:
      return null;
    case 3:
      return [prng.hex(prng.int(1, 12))];
    case 4:
      return { value: prng.hex(prng.int(1, 12)) };
    default:
      return prng.next();
  }
}

/** Permission entries that are not one of `public`, a 12-digit account, an org ARN, an OU ARN. */
function badEntries(prng: Prng): { name: string; entry: unknown }[] {
  const fixed: { name: string; entry: unknown }[] = [
    { name: 'null', entry: null },
    { name: 'a number', entry: 42 },
    { name: 'a string', entry: 'public' },
    { name: 'an account id string', entry: '222222222222' },
    { name: 'an array', entry: [{ kind: 'public' }] },
    { name: 'an empty object', entry: {} },
    { name: 'kind everyone', entry: { kind: 'everyone' } },
    { name: 'kind group all', entry: { kind: 'group', value: 'all' } },
    { name: 'kind user', entry: { kind: 'user', value: '222222222222' } },
    { name: 'kind userId', entry: { kind: 'userId', value: '222222222222' } },
    { name: 'kind Account', entry: { kind: 'Account', value: '222222222222' } },
    { name: 'kind null', entry: { kind: null, value: '222222222222' } },
    { name: 'kind a number', entry: { kind: 1, value: '222222222222' } },
    { name: 'public with a value', entry: { kind: 'public', value: 'all' } },
    { name: 'account without a value', entry: { kind: 'account' } },
    { name: 'account as a number', entry: { kind: 'account', value: 222222222222 } },
    { name: 'account null', entry: { kind: 'account', value: null } },
    { name: 'account in an array', entry: { kind: 'account', value: ['222222222222'] } },
    { name: 'account of 11 digits', entry: { kind: 'account', value: '22222222222' } },
    { name: 'account of 13 digits', entry: { kind: 'account', value: '2222222222222' } },
    { name: 'account with dashes', entry: { kind: 'account', value: '2222-2222-2222' } },
    { name: 'account with a space', entry: { kind: 'account', value: ' 222222222222' } },
    { name: 'account with a newline', entry: { kind: 'account', value: '222222222222\n' } },
    { name: 'account with a letter', entry: { kind: 'account', value: '22222222222a' } },
    {
      name: 'account in wide digits',
      entry: { kind: 'account', value: '２２２２２２２２２２２２' },
    },
    { name: 'account empty', entry: { kind: 'account', value: '' } },
    { name: 'account all', entry: { kind: 'account', value: 'all' } },
    { name: 'account of 1 MB', entry: { kind: 'account', value: '2'.repeat(MEGABYTE) } },
    { name: 'account given an org ARN', entry: { kind: 'account', value: ORG } },
    { name: 'organization given an OU ARN', entry: { kind: 'organization', value: OU } },
    {
      name: 'organization given an account',
      entry: { kind: 'organization', value: '222222222222' },
    },
    { name: 'ou given an org ARN', entry: { kind: 'ou', value: ORG } },
    { name: 'ou given an account', entry: { kind: 'ou', value: '222222222222' } },
    {
      name: 'org ARN of another service',
      entry: { kind: 'organization', value: 'arn:aws:iam::111111111111:organization/o-demo123456' },
    },
    {
      name: 'org ARN with an 11-digit account',
      entry: {
        kind: 'organization',
        value: 'arn:aws:organizations::11111111111:organization/o-demo123456',
      },
    },
    {
      name: 'org ARN with a 13-digit account',
      entry: {
        kind: 'organization',
        value: 'arn:aws:organizations::1111111111111:organization/o-demo123456',
      },
    },
    {
      name: 'org ARN with a region',
      entry: {
        kind: 'organization',
        value: 'arn:aws:organizations:us-east-1:111111111111:organization/o-demo123456',
      },
    },
    {
      name: 'org ARN with a short id',
      entry: {
        kind: 'organization',
        value: 'arn:aws:organizations::111111111111:organization/o-abc',
      },
    },
    {
      name: 'org ARN in capitals',
      entry: {
        kind: 'organization',
        value: 'arn:aws:organizations::111111111111:organization/o-DEMO123456',
      },
    },
    { name: 'org ARN with a trailing slash', entry: { kind: 'organization', value: `${ORG}/` } },
    { name: 'org ARN without arn:', entry: { kind: 'organization', value: ORG.slice(4) } },
    { name: 'org id alone', entry: { kind: 'organization', value: 'o-demo123456' } },
    {
      name: 'OU ARN with a short OU id',
      entry: { kind: 'ou', value: 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-ab-cd' },
    },
    {
      name: 'OU ARN with a path after it',
      entry: { kind: 'ou', value: `${OU}/ou-demo-platform2` },
    },
    { name: 'OU id alone', entry: { kind: 'ou', value: 'ou-demo-platform1' } },
    { name: 'OU ARN of 1 MB', entry: { kind: 'ou', value: `${OU}${'a'.repeat(MEGABYTE)}` } },
    {
      name: 'account with an extra field',
      entry: { kind: 'account', value: '222222222222', note: 'x' },
    },
    {
      name: 'public with __proto__',
      entry: parsed('{"kind":"public","__proto__":{"kind":"public"}}'),
    },
    {
      name: 'account with constructor',
      entry: parsed('{"kind":"account","value":"222222222222","constructor":{}}'),
    },
    { name: '__proto__ holding the kind', entry: parsed('{"__proto__":{"kind":"public"}}') },
    { name: 'nested 100 deep', entry: nested(100, { kind: 'public' }) },
  ];
  // Seeded account ids of every wrong length up to 20.
  const accounts = Array.from({ length: 21 }, (_, n) => n)
    .filter((n) => n !== 12)
    .map((n) => ({
      name: `account of ${n} digits (generated)`,
      entry: { kind: 'account', value: digits(prng, n) },
    }));
  return [...fixed, ...accounts];
}

function digits(prng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(prng.int(0, 9));
  return out;
}

function launchPermissionsCases(prng: Prng): FuzzCase[] {
  const valid = [
    { kind: 'account', value: '222222222222' },
    { kind: 'ou', value: OU },
  ];
  const apply = (desired: unknown, syncSnapshots: unknown = false) => ({
    type: 'apply',
    desired,
    syncSnapshots,
  });
  const entries = badEntries(prng);
  return [
    // Payload types on the wrong panel.
    { name: 'copy (the other panel)', message: { type: 'copy', value: '222222222222' } },
    {
      name: 'openSnapshotJson (the other panel)',
      message: { type: 'openSnapshotJson', snapshotId: SNAPSHOT },
    },
    // The shape of apply.
    { name: 'apply without fields', message: { type: 'apply' } },
    { name: 'apply without syncSnapshots', message: { type: 'apply', desired: [] } },
    { name: 'apply without desired', message: { type: 'apply', syncSnapshots: false } },
    { name: 'apply: desired null', message: apply(null) },
    { name: 'apply: desired "all"', message: apply('all') },
    { name: 'apply: desired a number', message: apply(1) },
    { name: 'apply: desired one entry, not a list', message: apply({ kind: 'public' }) },
    {
      name: 'apply: desired array-like',
      message: apply({ length: 1, 0: { kind: 'account', value: '222222222222' } }),
    },
    { name: 'apply: desired bytes', message: apply(new Uint8Array([1])) },
    { name: 'apply: syncSnapshots "true"', message: apply(valid, 'true') },
    { name: 'apply: syncSnapshots "false"', message: apply([], 'false') },
    { name: 'apply: syncSnapshots 1', message: apply(valid, 1) },
    { name: 'apply: syncSnapshots 0', message: apply([], 0) },
    { name: 'apply: syncSnapshots null', message: apply([], null) },
    { name: 'apply: syncSnapshots an array', message: apply([], [true]) },
    { name: 'apply: syncSnapshots an object', message: apply([], { value: true }) },
    {
      name: 'apply: 10,000 public entries',
      message: apply(Array.from({ length: 10_000 }, () => ({ kind: 'public' }))),
    },
    {
      name: 'apply: 10,000 accounts',
      message: apply(
        Array.from({ length: 10_000 }, (_, i) => ({
          kind: 'account',
          value: String(100_000_000_000 + i),
        })),
      ),
    },
    {
      name: 'apply: 1001 entries',
      message: apply(Array.from({ length: 1001 }, () => ({ kind: 'public' }))),
    },
    { name: 'apply: desired nested 100 deep', message: apply(nested(100, [])) },
    { name: `apply: desired arrays ${DEEP} deep`, message: apply(nestedArrays(DEEP)) },
    // Valid entries, and fields apply does not have.
    {
      name: 'apply with an image id',
      message: { ...apply(valid), imageId: 'ami-0123456789abcdef0' },
    },
    { name: 'apply with a region', message: { ...apply(valid), region: 'eu-west-1' } },
    { name: 'apply with confirmed', message: { ...apply([{ kind: 'public' }]), confirmed: true } },
    {
      name: 'apply with skipConfirmation',
      message: { ...apply([{ kind: 'public' }]), skipConfirmation: true },
    },
    { name: 'apply with force', message: { ...apply([]), force: true } },
    { name: 'apply with a baseline', message: { ...apply(valid), baseline: [] } },
    {
      name: 'apply with __proto__',
      message: parsed(
        '{"type":"apply","desired":[{"kind":"public"}],"syncSnapshots":false,"__proto__":{"confirmed":true}}',
      ),
    },
    {
      name: 'apply with constructor',
      message: parsed(
        '{"type":"apply","desired":[],"syncSnapshots":false,"constructor":{"prototype":{"polluted":true}}}',
      ),
    },
    {
      name: 'apply: desired under __proto__',
      message: parsed(
        '{"type":"apply","syncSnapshots":false,"__proto__":{"desired":[{"kind":"public"}]}}',
      ),
    },
    // One bad entry, alone and after valid ones (every entry is checked, not the first).
    ...entries.flatMap(({ name, entry }) => [
      { name: `apply: entry ${name}`, message: apply([entry]) },
      { name: `apply: valid entries, then ${name}`, message: apply([...valid, entry], true) },
    ]),
  ];
}

/** The malformed messages for one panel, in a fixed order. */
export function malformedMessages(panel: FuzzPanel, seed = FUZZ_SEED): FuzzCase[] {
  const prng = new Prng(`${seed}:${panel}`);
  const own = panel === 'blockDevices' ? blockDevicesCases(prng) : launchPermissionsCases(prng);
  return [...commonCases(), ...own];
}

/** Well-formed values, for generating messages the guards must accept. */
export const validValues = {
  snapshotId: (prng: Prng): string => `snap-${prng.hex(prng.next() < 0.5 ? 8 : 17)}`,
  accountId: (prng: Prng): string => digits(prng, 12),
  organizationArn: (prng: Prng): string =>
    `arn:aws:organizations::${digits(prng, 12)}:organization/o-${prng.hex(prng.int(10, 32))}`,
  ouArn: (prng: Prng): string =>
    `arn:aws:organizations::${digits(prng, 12)}:ou/o-${prng.hex(prng.int(10, 32))}/ou-${prng.hex(
      prng.int(4, 32),
    )}-${prng.hex(prng.int(8, 32))}`,
} as const;
