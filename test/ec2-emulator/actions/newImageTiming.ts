import type { ImageOutcome } from '../state/imageRecord';
import type { ActionContext } from './actionContext';

/** When a new image becomes ready, and whether it will end failed (decided once, at creation). */
export function newImageTiming(ctx: ActionContext): {
  readyAt: number;
  outcome: ImageOutcome;
  failureReason?: { code: string; message: string };
} {
  const { settings, outcomes } = ctx.world;
  const failed = settings.failRate > 0 && outcomes.next() < settings.failRate;
  return {
    readyAt: ctx.now + settings.pendingMs,
    outcome: failed ? 'failed' : 'available',
    failureReason: failed
      ? { code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' }
      : undefined,
  };
}
