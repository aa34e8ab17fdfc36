import { invalidParameterValue } from '../protocol/ec2Error';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedImage } from './imageAccess';

/** EnableImageDeprecation: sets the deprecation time, rounded to the nearest minute as EC2 does. */
export const enableImageDeprecation: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  const raw = ctx.input.requiredString('DeprecateAt');
  const at = Date.parse(raw);
  if (Number.isNaN(at)) {
    throw invalidParameterValue(`Value (${raw}) for parameter deprecateAt is invalid.`);
  }
  image.deprecateAt = Math.round(at / 60_000) * 60_000;
  return returnTrue();
};

/** DisableImageDeprecation: removes the deprecation time. */
export const disableImageDeprecation: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  image.deprecateAt = undefined;
  return returnTrue();
};
