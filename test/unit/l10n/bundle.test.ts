import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import * as l10n from '@vscode/l10n';

const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('l10n bundle', () => {
  it('l10n/bundle.l10n.json is what `npm run l10n:export` makes from src today', async function () {
    this.timeout(60_000);
    const exported = await getL10nJson(
      sourceFiles(join(ROOT, 'src')).map((file) => ({
        contents: readFileSync(file, 'utf8'),
        extension: extname(file),
      })),
    );
    const committed: unknown = JSON.parse(
      readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'),
    );
    assert.deepEqual(
      committed,
      exported,
      'l10n/bundle.l10n.json is out of date: run `npm run l10n:export` and commit it',
    );
  });

  it('reads the English bundle back as the same English text (every key is its own message)', () => {
    const bundle = JSON.parse(
      readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'),
    ) as Record<string, unknown>;
    const keys = Object.keys(bundle);
    assert.ok(keys.length > 900, `only ${keys.length} messages`);
    for (const key of keys) assert.equal(bundle[key], key);
  });

  it('formats arguments into a translated message, and leaves English as it is without a bundle', () => {
    assert.equal(l10n.t('Restored {0} with {1}.', 'ami-1', 2), 'Restored ami-1 with 2.');
    l10n.config({ contents: { 'Restored {0} with {1}.': '{0} restauré avec {1}.' } });
    try {
      assert.equal(l10n.t('Restored {0} with {1}.', 'ami-1', 2), 'ami-1 restauré avec 2.');
      assert.equal(l10n.t('Not in the bundle: {0}', 'x'), 'Not in the bundle: x');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
