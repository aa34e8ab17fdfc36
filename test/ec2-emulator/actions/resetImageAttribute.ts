import { invalidParameterValue } from '../protocol/ec2Error';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedImage } from './imageAccess';

/** ResetImageAttribute: EC2 can only reset `launchPermission` (the image becomes private). */
export const resetImageAttribute: ActionHandler = (ctx) => {
  const attribute = ctx.input.requiredString('Attribute');
  const image = ownedImage(ctx, ctx.input.requiredString('ImageId'));
  if (attribute !== 'launchPermission') {
    throw invalidParameterValue(
      `Value (${attribute}) for parameter attribute is invalid. Only launchPermission can be reset.`,
    );
  }
  image.launchPermissions = [];
  return returnTrue();
};
