// Self-test of the harness: runs the fixture extension's suite in a real extension host.
//   tsx test/harness/runFixtureSuite.ts [--with-failure]
// With --with-failure one test fails on purpose and the exit code must be non-zero.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './codeServerInstall';
import { reportRun } from './reportRun';
import { runExtensionHostTests } from './runExtensionHostTests';

async function main(): Promise<number> {
  const withFailure = process.argv.includes('--with-failure');
  const fixture = join(__dirname, 'fixture');
  const testFiles = [join(fixture, 'tests', 'greet.test.ts')];
  if (withFailure) {
    testFiles.push(join(fixture, 'tests', 'deliberateFailure.test.ts'));
  }
  const extensionDir = join(REPO_ROOT, 'out', 'harness-fixture-extension');
  await buildFixtureExtension(join(fixture, 'extension'), extensionDir);
  const run = await runExtensionHostTests({
    extensionDir,
    testFiles,
    outDir: join(REPO_ROOT, 'out', withFailure ? 'harness-fixture-failing' : 'harness-fixture'),
    workspaceFolder: join(fixture, 'workspace'),
    settings: { 'harnessFixture.greeting': 'Bonjour' },
    env: { HARNESS_FIXTURE_VALUE: 'from-the-harness' },
  });
  return reportRun('harness fixture', run);
}

/** The extension host loads JavaScript only: bundle extension.ts beside its package.json. */
async function buildFixtureExtension(source: string, target: string): Promise<void> {
  mkdirSync(target, { recursive: true });
  copyFileSync(join(source, 'package.json'), join(target, 'package.json'));
  await build({
    entryPoints: [join(source, 'extension.ts')],
    outfile: join(target, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
