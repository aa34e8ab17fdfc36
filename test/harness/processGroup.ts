import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Starts a command as the leader of a new process group, so that the group (the command and
 * every child it forks without detaching again) can be signalled at once by its pid.
 * Killing only the direct child would orphan code-server's extension host and file watcher.
 */
export function spawnProcessGroup(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'detached'>,
): ChildProcess & { pid: number } {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) {
    throw new Error(`could not start ${command}`);
  }
  return child as ChildProcess & { pid: number };
}

/**
 * Whether any process of the group led by `pid` still runs. Zombies do not count: an orphan's
 * zombie waits for PID 1 to reap it, which on some machines takes a while or never happens,
 * and `kill(-pid, 0)` would report it alive.
 */
export function processGroupAlive(pid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces and parens.
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pid && state !== 'Z' && state !== 'X') {
        return true;
      }
    } catch {
      // Ended while we looked.
    }
  }
  return false;
}

/** Sends `signal` to the whole group; a group that is already gone is not an error. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

/**
 * Asks the group to stop (SIGTERM), then forces it (SIGKILL) if it is still there after
 * `graceMs`. Resolves once no process of the group is left.
 */
export async function killProcessGroup(pid: number, graceMs = 3000): Promise<void> {
  signalProcessGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processGroupAlive(pid) && Date.now() < deadline) {
    await delay(50);
  }
  if (processGroupAlive(pid)) {
    signalProcessGroup(pid, 'SIGKILL');
    while (processGroupAlive(pid)) {
      await delay(20);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
