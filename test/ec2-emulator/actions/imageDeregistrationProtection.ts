import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedImage } from './imageAccess';

const cooldownMs = 24 * 60 * 60 * 1000;

/** EnableImageDeregistrationProtection, optionally with the 24-hour cooldown on disable. */
export const enableImageDeregistrationProtection: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  image.deregistrationProtection =
    ctx.input.boolean('WithCooldown') === true
      ? 'enabled-with-cooldown'
      : 'enabled-without-cooldown';
  image.protectionCooldownUntil = undefined;
  return returnTrue();
};

/** DisableImageDeregistrationProtection; with a cooldown, deregistration stays refused for 24 hours. */
export const disableImageDeregistrationProtection: ActionHandler = (ctx) => {
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  if (image.deregistrationProtection === 'enabled-with-cooldown') {
    image.protectionCooldownUntil = ctx.now + cooldownMs;
  }
  image.deregistrationProtection = 'disabled';
  return returnTrue();
};
