import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './codeServerInstall';
import { packagedTopLevelEntries } from './packageExtension';

describe('packagedTopLevelEntries (what the staging copy for vsce holds)', () => {
  it("names the top-level entries that the repository's .vscodeignore lets in", () => {
    const entries = packagedTopLevelEntries(readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8'));
    assert.ok(entries.includes('dist'));
    assert.ok(entries.includes('media'));
    assert.ok(entries.includes('README.md'));
    assert.ok(entries.includes('l10n'), 'the message bundle (l10n/bundle.l10n.json)');
    assert.ok(!entries.includes('package.json'), 'written separately, without its scripts');
  });

  it('takes each "!" rule by its first path segment, once, ignoring comments', () => {
    const entries = packagedTopLevelEntries(
      [
        '# only what runs',
        '**',
        '!dist/a.js',
        '!/dist/b/*.css',
        '!LICENSE',
        '',
        '!package.json',
      ].join('\n'),
    );
    assert.deepEqual(entries, ['LICENSE', 'dist']);
  });

  it('refuses a file that does not start by ignoring everything', () => {
    assert.throws(
      () => packagedTopLevelEntries('src/**\n!src/keep.ts\n'),
      /must start with "\*\*"/,
    );
  });

  it('refuses a rule whose top-level entry is a pattern', () => {
    assert.throws(() => packagedTopLevelEntries('**\n!*.md\n'), /name it explicitly/);
  });
});
