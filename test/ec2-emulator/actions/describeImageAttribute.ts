import { Ec2Error, invalidParameterValue } from '../protocol/ec2Error';
import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl } from '../protocol/xmlWriter';
import { deregistrationProtectionAt } from '../state/imageRecord';
import { isoTime } from '../views/isoTime';
import { launchPermissionXml } from '../views/launchPermissionXml';
import type { ActionHandler } from './actionContext';
import { ownedImage } from './imageAccess';

/** An AttributeValue element: `<name><value>v</value></name>`, or `<name/>` when unset. */
function attributeValue(name: string, value: string | undefined): XmlChild {
  return value === undefined ? el(name) : el(name, el('value', value));
}

/**
 * DescribeImageAttribute for one attribute of an image the caller owns. `blockDeviceMapping`
 * answers AuthFailure, as EC2 does for that deprecated attribute (use DescribeImages instead).
 */
export const describeImageAttribute: ActionHandler = (ctx) => {
  const { input, now } = ctx;
  const attribute = input.requiredString('Attribute');
  const image = ownedImage(ctx, input.requiredString('ImageId'));
  let value: XmlChild;
  switch (attribute) {
    case 'description':
      value = attributeValue('description', image.description);
      break;
    case 'kernel':
      value = attributeValue('kernel', image.kernelId);
      break;
    case 'ramdisk':
      value = attributeValue('ramdisk', image.ramdiskId);
      break;
    case 'launchPermission':
      value = launchPermissionXml(image.launchPermissions);
      break;
    case 'productCodes':
      value = listEl('productCodes', image.productCodes, (p) => [
        el('productCode', p.id),
        el('type', p.type),
      ]);
      break;
    case 'blockDeviceMapping':
      throw new Ec2Error('AuthFailure', 'Unauthorized attempt to access restricted resource', 401);
    case 'sriovNetSupport':
      value = attributeValue('sriovNetSupport', image.sriovNetSupport);
      break;
    case 'bootMode':
      value = attributeValue('bootMode', image.bootMode);
      break;
    case 'tpmSupport':
      value = attributeValue('tpmSupport', image.tpmSupport);
      break;
    case 'uefiData':
      value = attributeValue('uefiData', image.uefiData);
      break;
    case 'lastLaunchedTime':
      value = attributeValue(
        'lastLaunchedTime',
        image.lastLaunchedAt === undefined ? undefined : isoTime(image.lastLaunchedAt),
      );
      break;
    case 'imdsSupport':
      value = attributeValue('imdsSupport', image.imdsSupport);
      break;
    case 'deregistrationProtection':
      value = attributeValue('deregistrationProtection', deregistrationProtectionAt(image, now));
      break;
    default:
      throw invalidParameterValue(
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
  return [el('imageId', image.imageId), value];
};
