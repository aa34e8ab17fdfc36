import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  README_SCREENSHOT_DIR,
  readmeLinkedScreenshots,
  readmeScreenshotProblems,
  readmeScreenshotSources,
} from '../e2e/readmeScreenshots';
import { REPO_ROOT } from '../harness/codeServerInstall';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("README screenshots (the e2e tests' pictures, README.md, media/screenshots/)", () => {
  it('README.md shows every picture the e2e tests take, and media/screenshots/ holds just those', () => {
    const { files, names } = readmeScreenshotSources(REPO_ROOT);
    assert.ok(files.length > 0, 'some e2e test takes README pictures');
    const present = readdirSync(README_SCREENSHOT_DIR)
      .filter((file) => file.endsWith('.png'))
      .map((file) => file.replace(/\.png$/, ''));
    const linked = readmeLinkedScreenshots(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    assert.deepEqual(readmeScreenshotProblems(names, linked, present), []);
  });

  it('every picture is a PNG no larger than the e2e window (1400×900)', () => {
    for (const file of readdirSync(README_SCREENSHOT_DIR)) {
      const bytes = readFileSync(join(README_SCREENSHOT_DIR, file));
      assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`);
      // IHDR comes first: width and height at bytes 16 and 20.
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      assert.ok(
        width > 0 && width <= 1400 && height > 0 && height <= 900,
        `${file}: ${width}×${height}`,
      );
    }
  });

  it('tells each way the three can be out of step', () => {
    assert.deepEqual(
      readmeScreenshotProblems(new Set(['tree', 'wizard']), new Set(['tree', 'old']), [
        'tree',
        'stray',
      ]),
      [
        'README.md links old.png, which no e2e test takes',
        'wizard.png is taken but README.md does not show it',
        'media/screenshots/wizard.png is missing',
        "media/screenshots/stray.png is no e2e test's picture: remove it",
      ],
    );
  });

  it('reads the picture names from README links, only under media/screenshots/', () => {
    assert.deepEqual(
      [
        ...readmeLinkedScreenshots(
          '![a](media/screenshots/one.png)\n  ![b](media/screenshots/two-x.png) ![c](other/three.png)',
        ),
      ],
      ['one', 'two-x'],
    );
  });
});
