// Runs test/integration/*.test.ts inside a real VS Code extension host (code-server) with the
// extension under development, against the local EC2 emulator seeded with the `demo` data.
//   tsx test/integration/runIntegrationTests.ts [--grep <text>]
// Needs a built extension (npm run build). Exits non-zero when any test fails.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { reportRun } from '../harness/reportRun';
import { runExtensionHostTests } from '../harness/runExtensionHostTests';
import { integrationEnvironment, integrationSettings } from './integrationSetup';

async function main(): Promise<number> {
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex >= 0 ? process.argv[grepIndex + 1] : undefined;
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(__dirname, name));
  const emulator = await startEc2Emulator({ port: 0, seed: 'demo' });
  try {
    const run = await runExtensionHostTests({
      extensionDir: REPO_ROOT,
      testFiles,
      outDir: join(REPO_ROOT, 'out', 'integration'),
      workspaceFolder: join(__dirname, 'workspace'),
      settings: integrationSettings(emulator.url),
      env: integrationEnvironment(emulator.url),
      artifactsDir: join(REPO_ROOT, 'test-results', 'integration'),
      ...(grep !== undefined ? { grep } : {}),
    });
    return reportRun('integration', run);
  } finally {
    await emulator.close();
  }
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
