import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/codeServerInstall';

/** The README's pictures, committed; only `npm run screenshots` writes here. */
export const README_SCREENSHOT_DIR = join(REPO_ROOT, 'media', 'screenshots');

/**
 * Set (to `1`) by `npm run screenshots` (scripts/screenshots.ts): README screenshots go to
 * media/screenshots/. Otherwise they go to test-results/e2e/readme/, so a test run never changes
 * a committed file.
 */
export const README_SCREENSHOTS_VARIABLE = 'AMI_EXPLORER_README_SCREENSHOTS';

/**
 * The README's pictures and where they come from: which e2e files take which picture
 * (`readmeScreenshot('<name>', …)`), and which pictures README.md links. Used by
 * `npm run screenshots` (scripts/screenshots.ts) and by a unit test that keeps the three (tests,
 * README, media/screenshots/) in step.
 */
export interface ReadmeScreenshotSources {
  /** e2e files (relative to the repository) that take README pictures, sorted. */
  readonly files: string[];
  /** Picture names (without `.png`) taken by those files. */
  readonly names: Set<string>;
}

export function readmeScreenshotSources(repoRoot: string): ReadmeScreenshotSources {
  const folder = join(repoRoot, 'test', 'e2e');
  const files: string[] = [];
  const names = new Set<string>();
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    const taken = [...text.matchAll(/readmeScreenshot\(\s*'([^']+)'/g)].map((m) => m[1] ?? '');
    if (taken.length === 0) continue;
    files.push(join('test', 'e2e', file));
    for (const name of taken) names.add(name);
  }
  return { files, names };
}

/** The picture names (without `.png`) that a README links under media/screenshots/. */
export function readmeLinkedScreenshots(readme: string): Set<string> {
  return new Set(
    [...readme.matchAll(/\]\(media\/screenshots\/([^)\s]+)\.png\)/g)].map((m) => m[1] ?? ''),
  );
}

/**
 * What is out of step between the pictures taken, the pictures README.md links and the files in
 * media/screenshots/ (`present`, names without `.png`); empty when all three agree.
 */
export function readmeScreenshotProblems(
  taken: ReadonlySet<string>,
  linked: ReadonlySet<string>,
  present: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of [...linked].sort()) {
    if (!taken.has(name)) problems.push(`README.md links ${name}.png, which no e2e test takes`);
  }
  for (const name of [...taken].sort()) {
    if (!linked.has(name)) problems.push(`${name}.png is taken but README.md does not show it`);
    if (!present.includes(name)) problems.push(`media/screenshots/${name}.png is missing`);
  }
  for (const name of [...present].sort()) {
    if (!taken.has(name)) {
      problems.push(`media/screenshots/${name}.png is no e2e test's picture: remove it`);
    }
  }
  return problems;
}
