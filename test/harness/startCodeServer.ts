import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY } from './codeServerInstall';
import { findFreePort } from './freePort';
import { HARNESS_MARKER_VARIABLE } from './markedProcesses';
import { killProcessGroup, signalProcessGroup, spawnProcessGroup } from './processGroup';

/** How to start one code-server. */
export interface CodeServerOptions {
  /** The run's folder; code-server's profile, extensions, logs and temp files all go below it. */
  readonly runFolder: string;
  /** Unique per run; every process started inherits it (see markedProcesses.ts). */
  readonly marker: string;
  /** User settings, written to settings.json before start. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * Extra environment for the server and therefore for the extension host it forks, e.g.
   * AWS_ACCESS_KEY_ID or the results-file path of the test runner.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** .vsix files or extension folders installed into the run's extensions folder before start. */
  readonly installExtensions?: readonly string[];
  /** Port on 127.0.0.1; a free one when omitted. */
  readonly port?: number;
  /** Receives code-server's stdout and stderr lines (its log also goes to a file in the run). */
  readonly onOutput?: (line: string) => void;
}

/** A running code-server. */
export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Stops the server and everything it started (extension hosts, watchers, terminals). */
  close(): Promise<void>;
  /** Synchronous SIGKILL of the whole group, for `exit` handlers. */
  killNow(): void;
}

/**
 * Starts code-server bound to 127.0.0.1 with throw-away profile folders and waits until it
 * answers /healthz. The caller owns the result and must `close()` it.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await findFreePort());
  const dirs = createFolders(options.runFolder);
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        // Keep the first screen free of tours and prompts that would sit on top of the UI.
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(dirs.config, 'auth: none\n');

  const env = serverEnvironment(options, dirs);
  const commonArgs = [
    '--config',
    dirs.config,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  for (const extension of options.installExtensions ?? []) {
    await installExtension(extension, commonArgs, env, options.onOutput);
  }

  const log = createWriteStream(join(options.runFolder, 'code-server.log'));
  const child = spawnProcessGroup(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      ...commonArgs,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const forward = (chunk: Buffer): void => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() !== '') {
        options.onOutput?.(line);
      }
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exitPromise.then(() => {
    exited = true;
  });

  const server: CodeServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    async close(): Promise<void> {
      await killProcessGroup(child.pid);
      log.end();
    },
    killNow(): void {
      signalProcessGroup(child.pid, 'SIGKILL');
    },
  };
  try {
    await waitForHealth(server.url, () => exited);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

interface RunFolders {
  readonly userData: string;
  readonly extensions: string;
  readonly config: string;
  readonly home: string;
  readonly tmp: string;
  readonly xdg: string;
}

function createFolders(runFolder: string): RunFolders {
  const dirs: RunFolders = {
    userData: join(runFolder, 'user-data'),
    extensions: join(runFolder, 'extensions'),
    config: join(runFolder, 'config.yaml'),
    home: join(runFolder, 'home'),
    tmp: join(runFolder, 'tmp'),
    xdg: join(runFolder, 'xdg'),
  };
  for (const dir of [dirs.extensions, dirs.home, dirs.tmp]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  for (const sub of ['config', 'data', 'cache', 'state', 'runtime']) {
    mkdirSync(join(dirs.xdg, sub), { recursive: true, mode: 0o700 });
  }
  return dirs;
}

function serverEnvironment(options: CodeServerOptions, dirs: RunFolders): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // An empty gallery stops code-server from reaching open-vsx, which is unreachable offline.
    EXTENSIONS_GALLERY: '{}',
    // Everything the server and its extension hosts write stays inside the run folder.
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
    XDG_RUNTIME_DIR: join(dirs.xdg, 'runtime'),
    // Variables that would make code-server talk to a VS Code outside the run.
    VSCODE_IPC_HOOK_CLI: undefined,
    VSCODE_PROXY_URI: undefined,
    ...options.env,
    [HARNESS_MARKER_VARIABLE]: options.marker,
  };
}

async function installExtension(
  extension: string,
  commonArgs: readonly string[],
  env: NodeJS.ProcessEnv,
  onOutput: ((line: string) => void) | undefined,
): Promise<void> {
  const child = spawnProcessGroup(
    process.execPath,
    [CODE_SERVER_ENTRY, ...commonArgs, '--install-extension', extension, '--force'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (const line of output.split('\n').filter((l) => l.trim() !== '')) {
    onOutput?.(line);
  }
  if (code !== 0) {
    throw new Error(`installing ${extension} failed (exit ${String(code)}):\n${output}`);
  }
}

async function waitForHealth(url: string, hasExited: () => boolean): Promise<void> {
  // Generous: the first start after install compiles nothing, but a loaded CI box can be slow.
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (hasExited()) {
      throw new Error('code-server exited before it became ready (see code-server.log)');
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz: ${String(lastError)}`);
}
