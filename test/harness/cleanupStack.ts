/**
 * Undo steps for everything a harness run starts (processes, temp folders), run last-in
 * first-out. Every live stack is also run when the process is interrupted (Ctrl+C, SIGTERM,
 * SIGHUP), and its synchronous last-resort steps run on any exit, so that neither a failing
 * test nor an impatient user leaves code-server or Chromium behind.
 */
export class CleanupStack {
  private readonly steps: { name: string; run: () => Promise<void> | void }[] = [];
  private readonly lastResortSteps: (() => void)[] = [];
  private disposing: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void = () => undefined) {
    liveStacks.add(this);
    installProcessHooks();
  }

  /** Registers an undo step; it runs before the steps registered earlier. */
  defer(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /**
   * Registers a synchronous step for the `exit` event, where nothing asynchronous can run
   * (for example after an uncaught exception). It must be safe to run after `dispose`.
   */
  deferLastResort(run: () => void): void {
    this.lastResortSteps.push(run);
  }

  /** Runs every step once, even if some fail; later calls wait for the first. */
  dispose(): Promise<void> {
    this.disposing ??= this.runSteps();
    return this.disposing;
  }

  private async runSteps(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        this.log(`cleanup "${step.name}" failed: ${String(error)}`);
      }
    }
    this.runLastResort();
    liveStacks.delete(this);
  }

  /** @internal used by the process hooks */
  runLastResort(): void {
    for (const step of this.lastResortSteps) {
      try {
        step();
      } catch {
        // Last resort: nothing better to do than to go on with the next step.
      }
    }
  }
}

const liveStacks = new Set<CleanupStack>();
let hooksInstalled = false;

const signalExitCodes: Partial<Record<NodeJS.Signals, number>> = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
};

function installProcessHooks(): void {
  if (hooksInstalled) {
    return;
  }
  hooksInstalled = true;
  for (const [signal, code] of Object.entries(signalExitCodes)) {
    process.once(signal as NodeJS.Signals, () => {
      // A second Ctrl+C while cleaning up falls through to the default handler and kills us;
      // the `exit` hook below still runs the synchronous steps.
      process.stderr.write(`\n[harness] ${signal}: stopping everything that was started\n`);
      void Promise.allSettled([...liveStacks].map((stack) => stack.dispose())).then(() =>
        process.exit(code),
      );
    });
  }
  process.on('exit', () => {
    for (const stack of liveStacks) {
      stack.runLastResort();
    }
  });
}
