import type { Ami } from '../model/ami';
import type { TrackedOperation } from './operationTracker';

/** How an operation that made a new image calls it, so it can be followed until it settles. */
export type OperationInfo = Omit<TrackedOperation, 'region' | 'imageId' | 'startedAt'>;

/**
 * Something happened to an image. Commands and the poller publish; the Images tree, open `ami:`
 * documents, open panels, the poller and the operation tracker subscribe. Nobody calls them directly.
 */
export type ImageEvent =
  /** A new image exists (created, copied, registered), usually `pending`. */
  | { kind: 'appeared'; image: Ami; operation?: OperationInfo }
  /** An image's record changed; `image` is what EC2 now describes. */
  | { kind: 'changed'; image: Ami }
  /**
   * Something about an image changed that its record does not show (launch permissions, snapshot
   * permissions): whoever shows it reads it again.
   */
  | { kind: 'touched'; region: string; imageId: string }
  /** The image no longer exists (deregistered). */
  | { kind: 'gone'; region: string; imageId: string };

/** Where an event happened. */
export function eventRegion(event: ImageEvent): string {
  return 'image' in event ? event.image.region : event.region;
}

/** Which image an event is about. */
export function eventImageId(event: ImageEvent): string {
  return 'image' in event ? event.image.imageId : event.imageId;
}

/** The one publisher of image changes. Listeners run in subscription order; one that throws does not stop the others. */
export class ImageEvents {
  private readonly listeners = new Set<(event: ImageEvent) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  publish(event: ImageEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: (event: ImageEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
