// `npm run sandbox [-- --port 8080] [--emulator-port 4566]`
// Try AMI Explorer in a real VS Code (code-server, in your browser) against the local EC2
// emulator with its `demo` data: installs whatever is missing, builds and packages the
// extension, starts both servers on 127.0.0.1 and prints the URL. Ctrl+C stops everything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCodeServerInstalled, REPO_ROOT } from '../test/harness/codeServerInstall';
import { startHarnessSession } from '../test/harness/harnessSession';
import { startEc2Emulator } from '../test/ec2-emulator/startEc2Emulator';

/** The demo account's access key; the emulator accepts any secret. */
const DEMO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAAMIEXPLORERDEMO1',
  AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
  AWS_REGION: 'us-east-1',
  // No instance-metadata lookups from a laptop: they only add a delay before failing.
  AWS_EC2_METADATA_DISABLED: 'true',
};

const VSIX = join(REPO_ROOT, 'dist', 'ami-explorer.vsix');

interface SandboxOptions {
  readonly port: number;
  readonly emulatorPort: number;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  await assertPortFree(options.port);
  step('dependencies');
  if (!existsSync(join(REPO_ROOT, 'node_modules', '.package-lock.json'))) {
    run('npm', ['ci']);
  }
  ensureCodeServerInstalled();
  // A packaged build, installed like a user would, rather than a development host: it is what
  // users get (so a file missing from the package shows up here), and the plain URL works with
  // no launch payload. Re-run the sandbox to pick up changes.
  step('building and packaging the extension');
  run('npm', ['run', 'package']);

  step('starting the local EC2 emulator (demo data)');
  const emulator = await startEc2Emulator({ port: options.emulatorPort, seed: 'demo' });
  let session;
  try {
    step('starting VS Code (code-server)');
    session = await startHarnessSession({
      port: options.port,
      installExtensions: [VSIX],
      settings: {
        'amiExplorer.endpointUrl': emulator.url,
        'workbench.colorTheme': 'Default Dark Modern',
      },
      env: DEMO_CREDENTIALS,
      log: (line) => process.stdout.write(`[sandbox] ${line}\n`),
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  session.defer('stop the EC2 emulator', () => emulator.close());
  process.stdout.write(
    [
      '',
      `  AMI Explorer sandbox is running.`,
      `    VS Code:       ${session.server.url}/`,
      `    EC2 emulator:  ${emulator.url}  (account of ${DEMO_CREDENTIALS.AWS_ACCESS_KEY_ID})`,
      `  Open the VS Code URL in your browser and pick AMI Explorer in the activity bar.`,
      `  Press Ctrl+C to stop everything.`,
      '',
    ].join('\n'),
  );
  // The servers keep the process alive; Ctrl+C runs the harness's cleanup and exits.
}

function parseArguments(args: string[]): SandboxOptions {
  const value = (name: string, fallback: number): number => {
    const index = args.indexOf(name);
    const text = index >= 0 ? args[index + 1] : undefined;
    if (text === undefined) {
      return fallback;
    }
    const port = Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`${name} needs a port number, got ${text}`);
    }
    return port;
  };
  return {
    port: value('--port', Number(process.env.SANDBOX_PORT ?? 8080)),
    // 0: any free port; the URL is printed and handed to the extension.
    emulatorPort: value('--emulator-port', 0),
  };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new Error(`port ${port} on 127.0.0.1 is in use; pass --port <another>`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function step(text: string): void {
  process.stdout.write(`[sandbox] ${text}\n`);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${String(result.status)})`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[sandbox] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
