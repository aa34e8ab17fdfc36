import assert from 'node:assert/strict';
import type { OperationReport } from '../../../../src/core/model/operationReport';
import {
  countOutcomes,
  formatReport,
  summarizeReport,
} from '../../../../src/core/model/operationReport';

const report: OperationReport = {
  title: 'Deregister 3 AMIs',
  items: [
    { subject: 'ami-00000001 (web)', outcome: 'succeeded' },
    { subject: 'snap-00000001', outcome: 'skipped', detail: 'used by ami-00000009' },
    { subject: 'ami-00000002 (api)', outcome: 'failed', detail: 'deregistration protection' },
  ],
};

describe('core/model/operationReport', () => {
  it('counts each outcome', () => {
    assert.deepEqual(countOutcomes(report), { succeeded: 1, skipped: 1, failed: 1, unknown: 0 });
  });

  it('sums up in one sentence, naming only the outcomes that happened', () => {
    assert.equal(summarizeReport(report), 'Deregister 3 AMIs: 1 succeeded, 1 skipped, 1 failed.');
    assert.equal(
      summarizeReport({ title: 'Copy', items: [{ subject: 'eu-west-1', outcome: 'succeeded' }] }),
      'Copy: 1 succeeded.',
    );
    assert.equal(summarizeReport({ title: 'Copy', items: [] }), 'Copy: nothing to do.');
    assert.equal(
      summarizeReport({
        title: 'Copy',
        items: [
          { subject: 'eu-west-1', outcome: 'succeeded' },
          { subject: 'us-east-1', outcome: 'unknown', detail: 'check the Images view' },
        ],
      }),
      'Copy: 1 succeeded, 1 unknown.',
    );
  });

  it('lists every item with its outcome and reason', () => {
    assert.deepEqual(formatReport(report), [
      'Deregister 3 AMIs: 1 succeeded, 1 skipped, 1 failed.',
      '  succeeded ami-00000001 (web)',
      '  skipped   snap-00000001 — used by ami-00000009',
      '  failed    ami-00000002 (api) — deregistration protection',
    ]);
  });
});
