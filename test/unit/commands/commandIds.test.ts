import assert from 'node:assert/strict';
import {
  BASIC_COMMAND_IDS,
  COMMAND_IDS,
  FEATURE_COMMAND_IDS,
} from '../../../src/commands/commandIds';

describe('commands/commandIds', () => {
  it('splits every command into the activation bundle or the features bundle, never both', () => {
    const basic = new Set<string>(BASIC_COMMAND_IDS);
    assert.ok(FEATURE_COMMAND_IDS.every((id) => !basic.has(id)));
    assert.deepEqual(
      [...BASIC_COMMAND_IDS, ...FEATURE_COMMAND_IDS].sort(),
      [...COMMAND_IDS].sort(),
    );
  });

  it('keeps browsing in the activation bundle and operations in the features bundle', () => {
    assert.ok((BASIC_COMMAND_IDS as readonly string[]).includes('amiExplorer.image.openJson'));
    assert.ok(FEATURE_COMMAND_IDS.includes('amiExplorer.image.copy'));
    assert.ok(FEATURE_COMMAND_IDS.includes('amiExplorer.image.showBlockDevices'));
  });
});
