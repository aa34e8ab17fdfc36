import assert from 'node:assert/strict';
import { Prng } from '../../ec2-emulator/state/prng';
import { isBlockDevicesToHost } from '../../../src/webviews/blockDevices/protocol';
import { isPermissionsToHost } from '../../../src/webviews/launchPermissions/protocol';
import {
  FUZZ_SEED,
  malformedMessages,
  validValues,
  type FuzzCase,
  type FuzzPanel,
} from '../helpers/malformedWebviewMessages';

const GUARDS: Record<FuzzPanel, (message: unknown) => boolean> = {
  blockDevices: isBlockDevicesToHost,
  launchPermissions: isPermissionsToHost,
};

/** Random messages per panel, on top of the fixed corpus. */
const RANDOM_MESSAGES = 1500;

/**
 * Freezes a message and everything in it (iteratively: some are nested 100,000 deep), so a guard
 * that writes to what it checks throws in strict mode instead of passing unnoticed.
 */
function deepFreeze(root: unknown): void {
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    // Typed arrays with elements cannot be frozen; the guards only ever refuse them.
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    seen.add(value);
    Object.freeze(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
}

/** Sets an own property even when its name is `__proto__` (plain assignment would set the prototype). */
function withOwn(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  return Object.defineProperty({ ...target }, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A copy without one key. */
function without(target: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...target };
  delete copy[key];
  return copy;
}

/** A case as text, to compare corpora: long strings by their length, the deepest by name only. */
function fingerprint({ name, message }: FuzzCase): string {
  try {
    const text = JSON.stringify(message, (_key, value: unknown) =>
      typeof value === 'string' && value.length > 100 ? `(${value.length} characters)` : value,
    );
    return `${name}: ${text ?? typeof message}`;
  } catch {
    return `${name}: (too deep to print)`;
  }
}

/** A random message that is valid or malformed, and which of the two it is by construction. */
interface Generated {
  readonly message: unknown;
  readonly valid: boolean;
  readonly how: string;
}

const EXTRA_KEYS = ['extra', 'imageId', 'region', 'command', '__proto__', 'constructor', 'value'];
const WRONG_KINDS: readonly (() => unknown)[] = [
  () => null,
  () => 0,
  () => true,
  () => [],
  () => ({}),
  () => 'x'.repeat(3000),
];

/** `typeof`, with arrays and null told apart from objects. */
function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function randomText(prng: Prng, length: number): string {
  const alphabet = 'abcXYZ019 -_/:.\u00e9\u4e2d\u{1f600}\n\t"\\<>&';
  const chars = [...alphabet];
  let out = '';
  while (out.length < length) out += prng.pick(chars);
  return out.slice(0, length);
}

/** Spoils a snapshot id so that it no longer has the `snap-` + 8 or 17 hex digit shape. */
function spoilSnapshotId(prng: Prng, id: string): string {
  switch (prng.int(0, 4)) {
    case 0: {
      const length = prng.pick([0, 1, 7, 9, 16, 18, 32]);
      return `snap-${prng.hex(length)}`;
    }
    case 1:
      return `${id.slice(0, -1)}G`;
    case 2:
      return ` ${id}`;
    case 3:
      return id.replace('snap-', 'vol-');
    default:
      return id.toUpperCase().replace('SNAP', 'snap') + 'A';
  }
}

/** A valid permission entry of a random kind. */
function validEntry(prng: Prng): Record<string, unknown> {
  switch (prng.int(0, 3)) {
    case 0:
      return { kind: 'public' };
    case 1:
      return { kind: 'account', value: validValues.accountId(prng) };
    case 2:
      return { kind: 'organization', value: validValues.organizationArn(prng) };
    default:
      return { kind: 'ou', value: validValues.ouArn(prng) };
  }
}

/** Spoils an entry: wrong kind, wrong value shape, an extra key, or not an object. */
function spoilEntry(prng: Prng, entry: Record<string, unknown>): unknown {
  const value = typeof entry.value === 'string' ? entry.value : '222222222222';
  switch (prng.int(0, 6)) {
    case 0:
      return { ...entry, kind: prng.pick(['everyone', 'group', 'user', 'Account', '']) };
    case 1:
      return { kind: 'account', value: value.length === 12 ? `${value}0` : value.slice(0, 11) };
    case 2:
      return { kind: prng.pick(['organization', 'ou']), value: `${value}/` };
    case 3:
      return withOwn(entry, prng.pick(['note', '__proto__', 'constructor', 'group']), 'all');
    case 4:
      return entry.kind === 'public' ? { kind: 'public', value: 'all' } : { kind: entry.kind };
    case 5:
      return { kind: entry.kind, value: prng.pick(WRONG_KINDS)() };
    default:
      return prng.pick(WRONG_KINDS)();
  }
}

function validBlockDevices(prng: Prng): Record<string, unknown> {
  switch (prng.int(0, 4)) {
    case 0:
      return { type: 'ready' };
    case 1:
      return { type: 'refresh' };
    case 2:
      return { type: 'openImageJson' };
    case 3:
      return { type: 'openSnapshotJson', snapshotId: validValues.snapshotId(prng) };
    default:
      return { type: 'copy', value: randomText(prng, prng.int(1, 2048)) };
  }
}

function validPermissions(prng: Prng): Record<string, unknown> {
  switch (prng.int(0, 3)) {
    case 0:
      return { type: 'ready' };
    case 1:
      return { type: 'refresh' };
    case 2:
      return { type: 'openImageJson' };
    default:
      return {
        type: 'apply',
        desired: Array.from({ length: prng.int(0, 20) }, () => validEntry(prng)),
        syncSnapshots: prng.next() < 0.5,
      };
  }
}

/**
 * One random message: a third are valid, the rest a valid message with one defect chosen at
 * random, so the expected answer of the guard is known without restating the protocol.
 */
function generate(panel: FuzzPanel, prng: Prng): Generated {
  const valid = panel === 'blockDevices' ? validBlockDevices(prng) : validPermissions(prng);
  if (prng.next() < 1 / 3) return { message: valid, valid: true, how: 'valid' };
  const payloadKeys = Object.keys(valid).filter((k) => k !== 'type');
  const defects: (() => Generated)[] = [
    () => {
      const extra = prng.pick(EXTRA_KEYS.filter((k) => !(k in valid)));
      return { message: withOwn(valid, extra, 1), valid: false, how: `extra key ${extra}` };
    },
    () => ({
      message: { ...valid, type: prng.pick(['', 'READY', 'init', 'apply ', 'copyValue', 'x']) },
      valid: false,
      how: 'unknown type',
    }),
    () => ({
      message: { ...valid, type: prng.pick(WRONG_KINDS)() },
      valid: false,
      how: 'type kind',
    }),
    () => {
      return { message: without(valid, 'type'), valid: false, how: 'no type' };
    },
    () => ({ message: prng.pick([[valid], JSON.stringify(valid)]), valid: false, how: 'wrapped' }),
  ];
  if (payloadKeys.length > 0) {
    defects.push(
      () => {
        const key = prng.pick(payloadKeys);
        return { message: without(valid, key), valid: false, how: `no ${key}` };
      },
      () => {
        const key = prng.pick(payloadKeys);
        const kinds = WRONG_KINDS.filter((k) => kindOf(k()) !== kindOf(valid[key]));
        const wrong = prng.pick(kinds)();
        return { message: { ...valid, [key]: wrong }, valid: false, how: `${key} kind` };
      },
    );
  }
  switch (valid.type) {
    case 'openSnapshotJson':
      defects.push(() => ({
        message: { ...valid, snapshotId: spoilSnapshotId(prng, String(valid.snapshotId)) },
        valid: false,
        how: 'snapshot id shape',
      }));
      break;
    case 'copy':
      defects.push(() => ({
        message: { ...valid, value: prng.pick(['', 'x'.repeat(2049), 42, null]) },
        valid: false,
        how: 'copy value',
      }));
      break;
    case 'apply': {
      const desired = valid.desired as Record<string, unknown>[];
      defects.push(
        () => {
          const at = prng.int(0, desired.length);
          const spoilt = spoilEntry(prng, desired[at] ?? validEntry(prng));
          const entries = [...desired.slice(0, at), spoilt, ...desired.slice(at + 1)];
          return { message: { ...valid, desired: entries }, valid: false, how: 'entry' };
        },
        () => ({
          message: { ...valid, syncSnapshots: prng.pick(['true', 1, 0, null, 'false']) },
          valid: false,
          how: 'syncSnapshots kind',
        }),
      );
      break;
    }
  }
  return prng.pick(defects)();
}

describe('webviews/protocol guards under fuzzing', () => {
  for (const panel of ['blockDevices', 'launchPermissions'] as const) {
    describe(panel, () => {
      const guard = GUARDS[panel];

      it('has a corpus of at least 150 distinct malformed messages', () => {
        const cases = malformedMessages(panel);
        assert.ok(cases.length >= 150, `${cases.length} cases`);
        assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'names are unique');
      });

      it('generates the same corpus from the same seed, another from another', () => {
        const corpus = (seed: string) => malformedMessages(panel, seed).map(fingerprint);
        assert.deepEqual(corpus(FUZZ_SEED), corpus(FUZZ_SEED));
        assert.notDeepEqual(corpus(FUZZ_SEED), corpus(`${FUZZ_SEED}-other`));
      });

      it('refuses every message of the corpus without throwing or writing to it', () => {
        for (const { name, message } of malformedMessages(panel)) {
          deepFreeze(message);
          assert.equal(guard(message), false, name);
        }
        assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype is untouched');
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      });

      it(`tells ${RANDOM_MESSAGES} random messages, valid and spoilt, apart`, () => {
        const prng = new Prng(`${FUZZ_SEED}:random:${panel}`);
        const counts = { valid: 0, malformed: 0 };
        for (let i = 0; i < RANDOM_MESSAGES; i++) {
          const { message, valid, how } = generate(panel, prng);
          deepFreeze(message);
          const shown = JSON.stringify(message)?.slice(0, 200);
          assert.equal(guard(message), valid, `#${i} (${how}): ${shown}`);
          counts[valid ? 'valid' : 'malformed'] += 1;
        }
        // Both sides are exercised in earnest, not a handful of either.
        assert.ok(counts.valid > RANDOM_MESSAGES / 5, JSON.stringify(counts));
        assert.ok(counts.malformed > RANDOM_MESSAGES / 2, JSON.stringify(counts));
      });
    });
  }
});
