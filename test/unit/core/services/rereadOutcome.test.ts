import assert from 'node:assert/strict';
import { AwsApiError, CancelledError } from '../../../../src/core/model/errors';
import { madeByThisAttempt, settle, whyUnknown } from '../../../../src/core/services/rereadOutcome';
import { makeAmi } from '../../helpers/fixtures';

const unknownError = new AwsApiError(
  'TimeoutError',
  'EC2 did not answer in time.',
  {},
  {},
  {
    outcomeUnknown: true,
  },
);
const refusal = new AwsApiError('InvalidParameterValue', 'bad', {}, {});
const noWait = { sleep: () => Promise.resolve() };

describe('core/services/rereadOutcome', () => {
  it('an answer is the outcome; a refusal (or a cancel before sending) is not re-read', async () => {
    let rereads = 0;
    const reread = () => {
      rereads++;
      return Promise.resolve('found');
    };
    assert.deepEqual(await settle(() => Promise.resolve(1), reread, noWait), {
      kind: 'answered',
      value: 1,
    });
    assert.equal((await settle(() => Promise.reject(refusal), reread, noWait)).kind, 'refused');
    assert.equal(
      (await settle(() => Promise.reject(new CancelledError()), reread, noWait)).kind,
      'refused',
    );
    assert.equal(rereads, 0);
  });

  it('an unknown outcome is re-read until the re-read shows it, with the waits between', async () => {
    const waits: number[] = [];
    const answers = [undefined, undefined, 'found'];
    const settled = await settle(
      () => Promise.reject(unknownError),
      () => Promise.resolve(answers.shift()),
      { delaysMs: [0, 10, 20], sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    );
    assert.deepEqual(settled, { kind: 'confirmed', error: unknownError, found: 'found' });
    assert.deepEqual(waits, [10, 20]);
  });

  it('re-reads that never show it are "not-seen"; re-reads that all fail are "unknown"', async () => {
    const notSeen = await settle(
      () => Promise.reject(unknownError),
      () => Promise.resolve(undefined),
      noWait,
    );
    assert.equal(notSeen.kind, 'not-seen');
    const down = new Error('down');
    const unknown = await settle(
      () => Promise.reject(new CancelledError({ outcomeUnknown: true })),
      () => Promise.reject(down),
      noWait,
    );
    assert.deepEqual(unknown.kind === 'unknown' ? unknown.rereadError : undefined, down);
  });

  it('says why an outcome was unknown', () => {
    assert.equal(
      whyUnknown(new CancelledError({ outcomeUnknown: true })),
      'the request was cancelled while it was under way',
    );
    assert.equal(
      whyUnknown(unknownError),
      'the request ended without a clear answer ("EC2 did not answer in time.")',
    );
  });

  it('an image made by this attempt: created since it started (give or take clock skew), from its source', () => {
    const started = new Date('2026-11-30T10:00:00Z');
    const images = [
      makeAmi({
        imageId: 'ami-new',
        creationDate: '2026-11-30T10:00:05.000Z',
        sourceInstanceId: 'i-1',
      }),
      makeAmi({ imageId: 'ami-skewed', creationDate: '2026-11-30T09:58:00.000Z' }),
      makeAmi({ imageId: 'ami-old', creationDate: '2026-11-29T10:00:00.000Z' }),
      makeAmi({
        imageId: 'ami-other',
        creationDate: '2026-11-30T10:00:05.000Z',
        sourceInstanceId: 'i-2',
      }),
    ];
    assert.deepEqual(
      madeByThisAttempt(images, started, (i) => i.sourceInstanceId !== 'i-2').map((i) => i.imageId),
      ['ami-new', 'ami-skewed'],
    );
  });
});
