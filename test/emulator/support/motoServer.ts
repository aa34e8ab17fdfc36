import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto server, started on a free port on 127.0.0.1. */
export interface MotoServer {
  readonly url: string;
  /** Kills the server by pid and waits for it to exit. */
  stop(): Promise<void>;
}

/** True when `python3 -m moto.server` can be imported here. */
export function motoAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import moto.server'], {
    stdio: 'ignore',
    timeout: 20_000,
  });
  return probe.status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto and waits until it answers (at most `timeoutMs`). */
export async function startMoto(timeoutMs = 20_000): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'python3',
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    {
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) {
        return { url, stop };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`moto did not start on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
