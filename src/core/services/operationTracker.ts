import type { Ami } from '../model/ami';
import { isSettledState } from '../model/ami';
import type { ImageEvent } from './imageEvents';
import { eventImageId, eventRegion } from './imageEvents';

/** An image operation whose result is still pending (remembered across window reloads). */
export interface TrackedOperation {
  /** What started it, for the message when it settles. */
  kind: 'create' | 'copy' | 'register' | 'reregister';
  region: string;
  imageId: string;
  /** What the user calls it (the AMI name). */
  label: string;
  /** ISO time it started. */
  startedAt: string;
  sourceImageId?: string;
  sourceRegion?: string;
}

/** Where tracked operations are kept (the workspace state in the extension). */
export interface OperationStore {
  load(): TrackedOperation[];
  save(operations: TrackedOperation[]): Thenable<void> | Promise<void>;
}

/** How an operation ended. */
export type OperationOutcome =
  { kind: 'available'; image: Ami } | { kind: 'failed'; image: Ami } | { kind: 'gone' };

/**
 * Remembers images that operations created until they leave `pending`, so that a window reload does
 * not lose them: `resume()` polls them again. Polling itself is the shared PendingImagePoller.
 */
export class OperationTracker {
  constructor(
    private readonly store: OperationStore,
    private readonly poller: {
      track(region: string, images: readonly Pick<Ami, 'imageId' | 'state'>[]): void;
    },
    private readonly onSettled: (operation: TrackedOperation, outcome: OperationOutcome) => void,
  ) {}

  /** Starts tracking an operation's image (already `pending`). */
  async start(operation: TrackedOperation): Promise<void> {
    const rest = this.store
      .load()
      .filter((o) => !(o.region === operation.region && o.imageId === operation.imageId));
    await this.store.save([...rest, operation]);
    this.poller.track(operation.region, [{ imageId: operation.imageId, state: 'pending' }]);
  }

  /** Polls every remembered operation again (after a window reload). */
  resume(): TrackedOperation[] {
    const operations = this.store.load();
    for (const o of operations)
      this.poller.track(o.region, [{ imageId: o.imageId, state: 'pending' }]);
    return operations;
  }

  /** The operations still in flight. */
  list(): TrackedOperation[] {
    return this.store.load();
  }

  /**
   * Follows image events: a new image that an operation made is tracked; a tracked image that
   * settles (available, failed) or is gone ends its operation.
   */
  async onImageEvent(event: ImageEvent): Promise<void> {
    if (event.kind === 'appeared') {
      if (!event.operation) return;
      await this.start({
        ...event.operation,
        region: event.image.region,
        imageId: event.image.imageId,
        startedAt: new Date().toISOString(),
      });
      return;
    }
    let outcome: OperationOutcome;
    if (event.kind === 'gone') outcome = { kind: 'gone' };
    else if (event.kind === 'changed' && isSettledState(event.image.state))
      outcome = {
        kind: event.image.state === 'available' ? 'available' : 'failed',
        image: event.image,
      };
    else return;
    const region = eventRegion(event);
    const imageId = eventImageId(event);
    const operations = this.store.load();
    const ended = operations.find((o) => o.region === region && o.imageId === imageId);
    if (!ended) return;
    await this.store.save(operations.filter((o) => o !== ended));
    this.onSettled(ended, outcome);
  }
}
