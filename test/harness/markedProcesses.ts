import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process the harness starts inherits one environment variable whose value is unique to
 * the run. Scanning /proc for it finds the processes that escaped their process group (a
 * double fork, a browser helper started with setsid) so that nothing survives the run, and it
 * also tells which processes to count when measuring memory.
 */
export const HARNESS_MARKER_VARIABLE = 'AMI_HARNESS_RUN';

/** A process found in /proc. */
export interface MarkedProcess {
  readonly pid: number;
  /** Resident set size in bytes. */
  readonly rssBytes: number;
  readonly command: string;
}

/** The processes (other than this one) whose environment carries `marker`. Linux only. */
export function findMarkedProcesses(marker: string): MarkedProcess[] {
  const needle = `${HARNESS_MARKER_VARIABLE}=${marker}\0`;
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) {
      continue;
    }
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
      if (!`${environ}\0`.includes(needle)) {
        continue;
      }
      found.push({ pid, rssBytes: readRssBytes(pid), command: readCommand(pid) });
    } catch {
      // The process ended while we looked, or belongs to someone we may not inspect.
    }
  }
  return found;
}

/** SIGKILLs every marked process; synchronous so that it also works in an `exit` handler. */
export function killMarkedProcesses(marker: string): number {
  let killed = 0;
  for (const { pid } of findMarkedProcesses(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // Already gone.
    }
  }
  return killed;
}

function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  // Zombies and kernel threads have no VmRSS line.
  return match ? Number(match[1]) * 1024 : 0;
}

function readCommand(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ').trim();
}
