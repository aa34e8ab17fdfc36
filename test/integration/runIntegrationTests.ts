// Runs the integration suites inside a real VS Code extension host (code-server) with the
// extension under development, against the local EC2 emulator seeded with the `demo` data:
// - main: test/integration/*.test.ts, with the demo account's credentials in the environment;
// - no-credentials: test/integration/noCredentials/*.test.ts, with no AWS credentials at all
//   (a fresh, empty HOME, so no ~/.aws either), in a second extension host;
// - production: test/integration/production/*.test.ts, in a third one where AMI Explorer is
//   installed from a .vsix of the build, so it runs in production mode, and only a probe
//   extension carrying the tests is under development.
//   tsx test/integration/runIntegrationTests.ts [--grep <text>] [--suite main|no-credentials|production]
// Needs a built extension (npm run build). Exits non-zero when any test fails.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { packageExtension } from '../harness/packageExtension';
import { reportRun } from '../harness/reportRun';
import { runExtensionHostTests } from '../harness/runExtensionHostTests';
import {
  LARGE_ESTATE,
  LARGE_ESTATE_URL_VARIABLE,
  integrationEnvironment,
  integrationSettings,
  noCredentialsEnvironment,
} from './integrationSetup';

interface Suite {
  readonly name: string;
  readonly folder: string;
  readonly env: (emulatorUrl: string) => Record<string, string>;
  /** The extension under development in that host; AMI Explorer's repository when omitted. */
  readonly extensionDir?: string;
  /** Makes the .vsix files to install into the run's extensions folder before it starts. */
  readonly packages?: () => Promise<string[]>;
}

const SUITES: readonly Suite[] = [
  { name: 'main', folder: __dirname, env: integrationEnvironment },
  {
    name: 'no-credentials',
    folder: join(__dirname, 'noCredentials'),
    env: (url) => noCredentialsEnvironment(url, process.env),
  },
  {
    name: 'production',
    folder: join(__dirname, 'production'),
    env: integrationEnvironment,
    extensionDir: join(__dirname, 'production', 'probe'),
    packages: async () => [
      await packageExtension(REPO_ROOT, join(REPO_ROOT, 'out', 'production', 'ami-explorer.vsix')),
    ],
  },
];

async function main(): Promise<number> {
  const grep = optionValue('--grep');
  const only = optionValue('--suite');
  const suites = SUITES.filter((s) => only === undefined || s.name === only);
  if (suites.length === 0) {
    throw new Error(`no suite "${only ?? ''}"; there are: ${SUITES.map((s) => s.name).join(', ')}`);
  }
  let exitCode = 0;
  // One emulator for all runs: the no-credentials suite never reaches it with a known key.
  const emulator = await startEc2Emulator({ port: 0, seed: 'demo' });
  // And one with a large estate, for regions that list in many pages.
  const large = await startEc2Emulator({ port: 0, seed: { scale: LARGE_ESTATE } });
  try {
    for (const suite of suites) {
      const testFiles = readdirSync(suite.folder)
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => join(suite.folder, name));
      const installExtensions = suite.packages !== undefined ? await suite.packages() : [];
      const run = await runExtensionHostTests({
        extensionDir: suite.extensionDir ?? REPO_ROOT,
        installExtensions,
        testFiles,
        outDir: join(REPO_ROOT, 'out', `integration-${suite.name}`),
        workspaceFolder: join(__dirname, 'workspace'),
        settings: integrationSettings(emulator.url),
        env: { ...suite.env(emulator.url), [LARGE_ESTATE_URL_VARIABLE]: large.url },
        artifactsDir: join(REPO_ROOT, 'test-results', `integration-${suite.name}`),
        ...(grep !== undefined ? { grep } : {}),
      });
      const ranNothing = run.results.tests.some((t) => /ran no test/.test(t.error ?? ''));
      if (grep !== undefined && ranNothing) {
        process.stdout.write(`\nintegration (${suite.name}): no test matches --grep ${grep}\n`);
        continue;
      }
      exitCode = Math.max(exitCode, reportRun(`integration (${suite.name})`, run));
    }
  } finally {
    await emulator.close();
    await large.close();
  }
  return exitCode;
}

function optionValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
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
