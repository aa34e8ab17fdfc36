import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedImage } from './imageAccess';

/** DisableImage: state `disabled`, and every launch permission is removed (the image turns private). */
export const disableImage: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  image.disabled = true;
  image.launchPermissions = [];
  return returnTrue();
};

/** EnableImage: back to its normal state; launch permissions removed by DisableImage stay removed. */
export const enableImage: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  image.disabled = false;
  return returnTrue();
};
