// `npm run screenshots`: regenerates the README's pictures in media/screenshots/.
//
// The pictures are taken by the e2e tests themselves (`session.readmeScreenshot(name, …parts)` in
// test/e2e/*.test.ts), right after the test has checked that the window shows what the picture
// claims, against the emulator's demo estate, in a 1400×900 window. A normal `npm run test:e2e`
// writes them to test-results/e2e/readme/; only this command, which sets
// AMI_EXPLORER_README_SCREENSHOTS=1, writes them into media/screenshots/, so a test run (CI) never
// changes a committed file. It builds the extension, runs every e2e file that takes a README
// picture, shrinks the new pictures with pngquant when it is installed (`apt-get install
// pngquant`; a 256-colour palette, about 60 % smaller, no visible difference on these UI
// pictures), and then checks that each picture was written by this run and that README.md links
// exactly the pictures there are.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  README_SCREENSHOT_DIR,
  README_SCREENSHOTS_VARIABLE,
  readmeLinkedScreenshots,
  readmeScreenshotProblems,
  readmeScreenshotSources,
} from '../test/e2e/readmeScreenshots';
import { REPO_ROOT } from '../test/harness/codeServerInstall';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`> ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env }).status ?? 1;
}

function fail(message: string): never {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

const { files, names } = readmeScreenshotSources(REPO_ROOT);
if (files.length === 0) fail('no e2e test takes a README screenshot (readmeScreenshot)');

const started = Date.now();
if (run('node', ['scripts/build.mjs']) !== 0) fail('the build failed');
// --no-config: the e2e tier's .mocharc.json lists every e2e file, and mocha would add the files
// given here to that list instead of replacing it.
const status = run(
  'npx',
  ['--no-install', 'mocha', '--no-config', '--import=tsx', '--timeout', '120000', ...files],
  { ...process.env, [README_SCREENSHOTS_VARIABLE]: '1' },
);

const problems: string[] = [];
if (status !== 0) problems.push(`the e2e tests failed (exit ${status}): see above`);

const fresh = [...names]
  .map((name) => join(README_SCREENSHOT_DIR, `${name}.png`))
  .filter((file) => {
    try {
      return statSync(file).mtimeMs >= started;
    } catch {
      return false;
    }
  });
if (fresh.length > 0) {
  const args = ['--quality=80-100', '--speed=1', '--strip', '--force', '--ext', '.png', ...fresh];
  const quantized = spawnSync('pngquant', args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (quantized.error) {
    console.log('\npngquant is not installed: the pictures stay as Chromium wrote them.');
  } else if (quantized.status !== 0) {
    // 98/99: a picture that 256 colours cannot show at that quality is left as it was.
    console.log(`\npngquant exited with ${quantized.status}: some pictures stay as they were.`);
  }
}
console.log('\nREADME screenshots (media/screenshots/):');
for (const name of [...names].sort()) {
  let size: number | undefined;
  let fresh = false;
  try {
    const stat = statSync(join(README_SCREENSHOT_DIR, `${name}.png`));
    size = stat.size;
    fresh = stat.mtimeMs >= started;
  } catch {
    // Missing: reported below.
  }
  const shown = size === undefined ? 'missing' : `${(size / 1024).toFixed(1)} KB`;
  console.log(
    `  ${`${name}.png`.padEnd(28)} ${shown.padStart(9)}${fresh ? '' : '  (not written by this run)'}`,
  );
  if (size !== undefined && !fresh) problems.push(`${name}.png was not written by this run`);
}
const present = readdirSync(README_SCREENSHOT_DIR)
  .filter((file) => file.endsWith('.png'))
  .map((file) => file.replace(/\.png$/, ''));
problems.push(
  ...readmeScreenshotProblems(
    names,
    readmeLinkedScreenshots(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')),
    present,
  ),
);

if (problems.length > 0) fail(`\n  ${problems.join('\n  ')}`);
console.log(`\n${names.size} screenshots from ${files.length} e2e files.`);
