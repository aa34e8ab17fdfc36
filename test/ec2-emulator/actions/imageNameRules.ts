import { Ec2Error } from '../protocol/ec2Error';
import type { EmulatorWorld } from '../state/emulatorWorld';

/**
 * EC2's AMI name rules: 3–128 characters of letters, numbers and ( ) [ ] space . / - ' @ _,
 * unique per account and region among registered images.
 */
export function assertImageNameUsable(
  world: EmulatorWorld,
  name: string,
  ownerId: string,
  region: string,
): void {
  if (name.length < 3 || name.length > 128 || !/^[A-Za-z0-9()[\] ./\-'@_]+$/.test(name)) {
    throw new Ec2Error(
      'InvalidAMIName.Malformed',
      "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'",
    );
  }
  const clash = world.store.imagesIn(region).find((i) => i.ownerId === ownerId && i.name === name);
  if (clash) {
    throw new Ec2Error(
      'InvalidAMIName.Duplicate',
      `AMI name ${name} is already in use by AMI ${clash.imageId}`,
    );
  }
}
