import type { ImageInsights, UsageReportRequest } from '../aws/imageInsights';
import { CancelledError } from '../model/errors';
import type { ImageUsageReport } from '../model/imageInsights';
import type { RereadOptions } from './rereadOutcome';
import { CLOCK_SKEW_MS, settle } from './rereadOutcome';

/** An image usage report EC2 is still preparing (remembered across window reloads). */
export interface PendingUsageReport {
  region: string;
  imageId: string;
  /** The AMI's name (or id), for the notification when the report is ready. */
  label: string;
  reportId: string;
  /** ISO time the report was requested. */
  startedAt: string;
}

/** Where pending reports are kept (the workspace state in the extension). */
export interface PendingUsageReportStore {
  load(): PendingUsageReport[];
  save(reports: PendingUsageReport[]): Thenable<void> | Promise<void>;
}

/** How a remembered report ended: EC2's record (`available` or `error`), or gone. */
export type UsageReportOutcome =
  | { kind: 'settled'; report: ImageUsageReport }
  | { kind: 'gone' }
  | { kind: 'given-up'; lastError?: unknown };

/**
 * What asking for a report for an AMI ended with. `following`: a report EC2 is preparing is
 * remembered (`how`: one already remembered, one found pending on EC2, one this request made, or
 * one a re-read found after an unknown outcome); `cancelled` when the user cancelled meanwhile, so
 * the background watch follows it. `not-seen`/`unknown`: the request's outcome is unknown and a
 * re-read did not show a new report (or EC2 could not be re-read).
 */
export type UsageReportRequestOutcome =
  | {
      kind: 'following';
      pending: PendingUsageReport;
      how: 'remembered' | 'found' | 'created' | 'confirmed';
      cancelled: boolean;
    }
  | { kind: 'not-seen'; error: unknown }
  | { kind: 'unknown'; error: unknown; rereadError: unknown };

/** Between look-ups while the user waits: 2 s. */
export const WAIT_INTERVAL_MS = 2_000;
/** Between look-ups in the background (after Cancel, or after a reload): 30 s. */
export const WATCH_INTERVAL_MS = 30_000;
/** A report still pending after a day is no longer watched. */
export const WATCH_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/**
 * Image usage reports in progress: `wait` follows one while the user waits (progress with
 * Cancel); a cancelled wait, or a window reload, leaves it to the background watch, which looks
 * every `watchIntervalMs` and calls `onSettled` once EC2 has finished it (or it is gone).
 * Remembered in `store`, so `resume` continues after a reload.
 */
export class UsageReportWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Reports a foreground `wait` follows now: the background leaves them alone. */
  private readonly waitedOn = new Set<string>();
  private lastErrors = new Map<string, unknown>();

  constructor(
    private readonly insights: Pick<ImageInsights, 'usageReports' | 'createUsageReport'>,
    private readonly store: PendingUsageReportStore,
    private readonly onSettled: (pending: PendingUsageReport, outcome: UsageReportOutcome) => void,
    private readonly intervals: { waitMs: number; watchMs: number; giveUpAfterMs: number } = {
      waitMs: WAIT_INTERVAL_MS,
      watchMs: WATCH_INTERVAL_MS,
      giveUpAfterMs: WATCH_GIVE_UP_AFTER_MS,
    },
    private readonly now: () => number = Date.now,
    private readonly reread: RereadOptions = {},
  ) {}

  /**
   * A report of the AMI to follow: the one remembered, else one EC2 is already preparing (made by
   * another window or an earlier attempt), else a new one (CreateImageUsageReport). When the
   * request's outcome is unknown (a lost answer, a timeout, Cancel while it was under way), EC2 is
   * re-read for a report of the AMI made since the request started, which is then followed. A
   * cancel before the request was sent throws `CancelledError`; EC2's refusal throws.
   */
  async request(
    target: { region: string; imageId: string; label: string },
    options: Pick<UsageReportRequest, 'resourceTypes' | 'clientToken'>,
    signal: AbortSignal,
  ): Promise<UsageReportRequestOutcome> {
    const { region, imageId, label } = target;
    const follow = async (
      reportId: string,
      how: 'remembered' | 'found' | 'created' | 'confirmed',
      startedAt: string,
    ): Promise<UsageReportRequestOutcome> => {
      const pending: PendingUsageReport = { region, imageId, label, reportId, startedAt };
      if (how !== 'remembered') await this.remember(pending);
      const cancelled = signal.aborted;
      if (cancelled) this.schedule();
      return { kind: 'following', pending, how, cancelled };
    };
    const remembered = this.pendingFor(region, imageId);
    if (remembered) return follow(remembered.reportId, 'remembered', remembered.startedAt);
    const onEc2 = newest(
      (await this.insights.usageReports(region, { imageIds: [imageId] }, signal)).filter(
        (r) => r.state === 'pending',
      ),
    );
    if (onEc2) {
      return follow(
        onEc2.reportId,
        'found',
        onEc2.creationTime ?? new Date(this.now()).toISOString(),
      );
    }
    const startedAt = this.now();
    const settled = await settle(
      () => this.insights.createUsageReport(region, imageId, options, signal),
      async () =>
        newest(
          (await this.insights.usageReports(region, { imageIds: [imageId] })).filter((r) => {
            const created = r.creationTime ? Date.parse(r.creationTime) : Number.NaN;
            return Number.isNaN(created) || created >= startedAt - CLOCK_SKEW_MS;
          }),
        ),
      this.reread,
    );
    const started = new Date(startedAt).toISOString();
    switch (settled.kind) {
      case 'answered':
        return follow(settled.value, 'created', started);
      case 'confirmed':
        return follow(settled.found.reportId, 'confirmed', started);
      case 'refused':
        throw settled.error;
      default:
        return settled;
    }
  }

  /** The reports remembered as pending. */
  pending(): PendingUsageReport[] {
    return this.store.load();
  }

  /** The remembered pending report of this AMI, if any (Show Usage follows it instead of a new one). */
  pendingFor(region: string, imageId: string): PendingUsageReport | undefined {
    return this.store.load().find((r) => r.region === region && r.imageId === imageId);
  }

  /** Remembers a report EC2 is preparing. */
  async remember(report: PendingUsageReport): Promise<void> {
    const others = this.store.load().filter((r) => r.reportId !== report.reportId);
    await this.store.save([...others, report]);
  }

  /**
   * Looks at the report every `waitMs` until EC2 has finished it; returns EC2's record
   * (`available` or `error`) and forgets it. Aborting `signal` stops waiting only: EC2 keeps
   * preparing the report and the background watch takes over (CancelledError).
   */
  async wait(
    pending: PendingUsageReport,
    signal: AbortSignal,
  ): Promise<ImageUsageReport | undefined> {
    this.waitedOn.add(pending.reportId);
    try {
      for (;;) {
        const [report] = await this.insights.usageReports(
          pending.region,
          { reportIds: [pending.reportId] },
          signal,
        );
        if (!report || report.state !== 'pending') {
          await this.forget(pending.reportId);
          return report;
        }
        await sleep(this.intervals.waitMs, signal);
      }
    } catch (error) {
      if (signal.aborted) {
        this.schedule();
        throw new CancelledError();
      }
      throw error;
    } finally {
      this.waitedOn.delete(pending.reportId);
    }
  }

  /** Starts the background watch for the remembered reports (after a reload); returns them. */
  resume(): PendingUsageReport[] {
    const remembered = this.store.load();
    if (remembered.length > 0) this.schedule();
    return remembered;
  }

  /** One background round now (what the timer runs): looks at every remembered report. */
  async lookNow(): Promise<void> {
    for (const pending of this.store.load()) {
      if (this.disposed) return;
      if (this.waitedOn.has(pending.reportId)) continue;
      try {
        const [report] = await this.insights.usageReports(pending.region, {
          reportIds: [pending.reportId],
        });
        this.lastErrors.delete(pending.reportId);
        if (!report) {
          await this.settle(pending, { kind: 'gone' });
        } else if (report.state !== 'pending') {
          await this.settle(pending, { kind: 'settled', report });
        } else if (this.tooOld(pending)) {
          await this.settle(pending, { kind: 'given-up' });
        }
      } catch (error) {
        this.lastErrors.set(pending.reportId, error);
        if (this.tooOld(pending))
          await this.settle(pending, { kind: 'given-up', lastError: error });
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tooOld(pending: PendingUsageReport): boolean {
    const started = Date.parse(pending.startedAt);
    return Number.isNaN(started) || this.now() - started > this.intervals.giveUpAfterMs;
  }

  private async settle(pending: PendingUsageReport, outcome: UsageReportOutcome): Promise<void> {
    await this.forget(pending.reportId);
    this.onSettled(pending, outcome);
  }

  private async forget(reportId: string): Promise<void> {
    const kept = this.store.load().filter((r) => r.reportId !== reportId);
    await this.store.save(kept);
  }

  private schedule(): void {
    if (this.disposed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.lookNow()
        .catch(() => undefined)
        .then(() => {
          if (this.store.load().length > 0) this.schedule();
        });
    }, this.intervals.watchMs);
  }
}

/** The report created last (one without a creation time counts as oldest). */
function newest(reports: readonly ImageUsageReport[]): ImageUsageReport | undefined {
  const time = (r: ImageUsageReport): number => {
    const t = r.creationTime ? Date.parse(r.creationTime) : Number.NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  let best: ImageUsageReport | undefined;
  for (const r of reports) if (!best || time(r) > time(best)) best = r;
  return best;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new CancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
