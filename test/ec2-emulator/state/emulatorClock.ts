/**
 * The emulator's notion of "now". Real time plus an offset that tests (or the admin route) can
 * advance, so a 10-minute pending image can be made available without waiting 10 minutes.
 * Time never goes backwards: state transitions are applied lazily and must stay applied.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private readonly frozenAt: number | undefined;

  /**
   * @param mode `real` follows wall-clock time; `manual` stands still until advanced, so tests of
   *   time-dependent behaviour (token buckets, pending delays) never depend on how fast CI runs.
   */
  constructor(mode: 'real' | 'manual' = 'real') {
    this.frozenAt = mode === 'manual' ? Date.now() : undefined;
  }

  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offsetMs;
  }

  /** Moves emulator time forward by `ms` (negative values are ignored). */
  advance(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) {
      this.offsetMs += ms;
    }
  }
}
