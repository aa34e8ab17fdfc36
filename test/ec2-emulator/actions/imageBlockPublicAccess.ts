import { invalidParameterValue } from '../protocol/ec2Error';
import { el } from '../protocol/xmlWriter';
import type { ActionHandler } from './actionContext';

/** GetImageBlockPublicAccessState for the caller's account in the region. */
export const getImageBlockPublicAccessState: ActionHandler = (ctx) => [
  el(
    'imageBlockPublicAccessState',
    ctx.world.store.blockPublicAccessFor(ctx.caller.account.accountId, ctx.region),
  ),
  el('managedBy', 'account'),
];

/** EnableImageBlockPublicAccess: the only valid state is `block-new-sharing`. */
export const enableImageBlockPublicAccess: ActionHandler = (ctx) => {
  const state = ctx.input.requiredString('ImageBlockPublicAccessState');
  if (state !== 'block-new-sharing') {
    throw invalidParameterValue(
      `Value (${state}) for parameter imageBlockPublicAccessState is invalid.`,
    );
  }
  ctx.world.store.setBlockPublicAccess(
    ctx.caller.account.accountId,
    ctx.region,
    'block-new-sharing',
  );
  return [el('imageBlockPublicAccessState', 'block-new-sharing')];
};

/** DisableImageBlockPublicAccess: back to `unblocked`. */
export const disableImageBlockPublicAccess: ActionHandler = (ctx) => {
  ctx.world.store.setBlockPublicAccess(ctx.caller.account.accountId, ctx.region, 'unblocked');
  return [el('imageBlockPublicAccessState', 'unblocked')];
};
