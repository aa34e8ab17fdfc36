// The same integration suite in desktop VS Code through @vscode/test-electron, for contributors
// with internet access: it downloads VS Code 1.100.3 into .vscode-test/ on first use. Not run on
// CI or in this project's offline workplace, where runIntegrationTests.ts (code-server) is used.
//   tsx test/integration/runDesktopIntegrationTests.ts      (needs a display, or xvfb-run)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { bundleExtensionTests } from '../harness/bundleExtensionTests';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { RESULTS_FILE_VARIABLE, readTestResults } from '../harness/testResults';
import {
  LARGE_ESTATE,
  LARGE_ESTATE_URL_VARIABLE,
  integrationEnvironment,
  integrationSettings,
} from './integrationSetup';

async function main(): Promise<number> {
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(__dirname, name));
  const outDir = join(REPO_ROOT, 'out', 'integration-desktop');
  const { runnerPath } = await bundleExtensionTests(testFiles, outDir);
  const resultsFile = join(outDir, 'results.json');
  const profile = mkdtempSync(join(tmpdir(), 'amid-'));
  const emulator = await startEc2Emulator({ port: 0, seed: 'demo' });
  const large = await startEc2Emulator({ port: 0, seed: { scale: LARGE_ESTATE } });
  try {
    mkdirSync(join(profile, 'user-data', 'User'), { recursive: true });
    writeFileSync(
      join(profile, 'user-data', 'User', 'settings.json'),
      JSON.stringify(integrationSettings(emulator.url)),
    );
    // test-electron's exit code is not trusted either: the results file is the verdict.
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: runnerPath,
      launchArgs: [
        join(__dirname, 'workspace'),
        '--user-data-dir',
        join(profile, 'user-data'),
        '--extensions-dir',
        join(profile, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      extensionTestsEnv: {
        ...integrationEnvironment(emulator.url),
        [LARGE_ESTATE_URL_VARIABLE]: large.url,
        [RESULTS_FILE_VARIABLE]: resultsFile,
      },
    }).catch(() => undefined);
  } finally {
    await emulator.close();
    await large.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const results = readTestResults(resultsFile);
  process.stdout.write(
    `desktop integration: ${results.passes} passed, ${results.failures} failed\n`,
  );
  return results.failures > 0 ? 1 : 0;
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
