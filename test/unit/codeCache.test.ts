import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWithCodeCache } from '../../src/codeCache';

describe('loadWithCodeCache', () => {
  let folder: string;
  let file: string;
  let cacheFile: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ami-code-cache-'));
    file = join(folder, 'bundle.js');
    cacheFile = join(folder, 'storage', 'code-cache', 'bundle.js.bin');
    writeFileSync(
      file,
      [
        "'use strict';",
        "const path = require('node:path');",
        'module.exports = {',
        '  where: () => ({ filename: __filename, dirname: __dirname, sep: path.sep }),',
        '  add: (a, b) => a + b,',
        '  thisIsExports: this === exports,',
        "  line: () => new Error('x').stack.split('\\n')[1],",
        '};',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  type Bundle = {
    where(): { filename: string; dirname: string; sep: string };
    add(a: number, b: number): number;
    thisIsExports: boolean;
    line(): string;
  };

  it('runs the file as CommonJS with its own require, filename and folder', () => {
    const loaded = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.equal(loaded.exports.add(2, 3), 5);
    assert.deepEqual(loaded.exports.where(), { filename: file, dirname: folder, sep: '/' });
    assert.equal(loaded.exports.thisIsExports, true);
  });

  it('keeps the line and column numbers of the file in stack traces', () => {
    const loaded = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.match(loaded.exports.line(), new RegExp(`${file}:7:15\\)?$`));
  });

  it('compiles from the source when there is no cache, then writes one that the next load uses', async () => {
    const first = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.equal(first.cache, 'absent');
    assert.ok((await first.saveCache()) > 0);
    assert.ok(existsSync(cacheFile));
    assert.deepEqual(readdirSync(join(folder, 'storage', 'code-cache')), ['bundle.js.bin']);

    const second = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.equal(second.cache, 'used');
    assert.equal(second.exports.add(1, 1), 2);
  });

  it('compiles from the source when the cache is not for this file, and can replace it', async () => {
    await loadWithCodeCache<Bundle>(file, cacheFile, require).saveCache();
    writeFileSync(file, 'module.exports = { add: (a, b) => a * b };');

    const changed = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.equal(changed.cache, 'rejected');
    assert.equal(changed.exports.add(2, 3), 6, 'the new source runs, not the cached one');
    await changed.saveCache();
    assert.equal(loadWithCodeCache<Bundle>(file, cacheFile, require).cache, 'used');
  });

  it('compiles from the source when the cache file is garbage', () => {
    writeFileSync(join(folder, 'garbage.bin'), Buffer.from('not a V8 code cache'));
    const loaded = loadWithCodeCache<Bundle>(file, join(folder, 'garbage.bin'), require);
    assert.equal(loaded.cache, 'rejected');
    assert.equal(loaded.exports.add(2, 2), 4);
  });

  it('reports a cache it cannot write as a failed promise, after loading normally', async () => {
    writeFileSync(join(folder, 'storage'), 'a file where the folder should be');
    const loaded = loadWithCodeCache<Bundle>(file, cacheFile, require);
    assert.equal(loaded.exports.add(1, 2), 3);
    await assert.rejects(loaded.saveCache());
  });
});
