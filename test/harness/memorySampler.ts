import { findMarkedProcesses } from './markedProcesses';

/** Tracks the largest summed RSS of a run's processes while it runs. */
export interface MemorySampler {
  /** Stops sampling and returns the peak in bytes. */
  stop(): number;
}

/**
 * Samples the marked processes periodically. RSS double-counts shared pages, so the sum is an
 * upper bound of what the run costs the machine; that is the number a CI box must have free.
 */
export function startMemorySampler(marker: string, intervalMs = 500): MemorySampler {
  let peak = 0;
  const sample = (): void => {
    const total = findMarkedProcesses(marker).reduce((sum, p) => sum + p.rssBytes, 0);
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, intervalMs);
  // Sampling must never keep a finished run alive.
  timer.unref();
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
