import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * What the extension does at activation (src/l10nSetup.ts, before any other module loads), with a
 * pseudo-translation of the committed bundle: every message ⟦in brackets⟧. Run in a fresh Node so
 * that the modules load after the bundle is configured, as in the extension's bundle.
 */
const SCRIPT = `
const l10n = require('@vscode/l10n');
const { readFileSync } = require('node:fs');
const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'));
l10n.config({
  contents: Object.fromEntries(Object.keys(english).map((k) => [k, '⟦' + k + '⟧'])),
});
const { refusal } = require('./src/core/model/capabilities.ts');
const { errorSentence } = require('./src/core/model/errorSentence.ts');
const { CancelledError, InputError } = require('./src/core/model/errors.ts');
const { describeCriterion, ALLOWED_STATES } = require('./src/core/model/accountGuardrails.ts');
const { relativeTime } = require('./src/core/model/imageGlance.ts');
const ami = { imageId: 'ami-1', state: 'available', rootDeviceType: 'ebs' };
process.stdout.write(JSON.stringify({
  tableMadeAtLoad: refusal({ ami, owned: false }, 'deregister'),
  madeWhenAsked: refusal({ ami: { ...ami, state: 'pending' }, owned: true }, 'copy'),
  labelsMadeAtLoad: ALLOWED_STATES.map((s) => s.label),
  cancelled: errorSentence(new CancelledError()),
  withArguments: describeCriterion({ imageNames: ['web-*', 'api-*'] }),
  plural: [relativeTime('2026-01-01T00:00:00Z', new Date('2026-01-02T00:00:00Z')),
    relativeTime('2026-01-01T00:00:00Z', new Date('2026-01-03T00:00:00Z'))],
  typedErrorStaysAsThrown: errorSentence(new InputError('already a sentence')),
}));
`;

describe('l10n at run time', () => {
  it('shows the translation of every kind of message once the bundle is configured first', function () {
    this.timeout(30_000);
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), {
      tableMadeAtLoad: '⟦only its owner can deregister it⟧',
      madeWhenAsked: '⟦it is pending: only available AMIs can be copied⟧',
      labelsMadeAtLoad: ['⟦Enabled⟧', '⟦Audit mode⟧', '⟦Disabled⟧'],
      cancelled: '⟦Cancelled.⟧',
      withArguments: '⟦names web-*, api-*⟧',
      plural: ['⟦1 day ago⟧', '⟦2 days ago⟧'],
      typedErrorStaysAsThrown: 'already a sentence',
    });
  });
});
