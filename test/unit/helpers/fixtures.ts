import type { Ami } from '../../../src/core/model/ami';

/** An AMI record with sensible defaults; tests override only what they look at. */
export function makeAmi(overrides: Partial<Ami> & Pick<Ami, 'imageId'>): Ami {
  return {
    region: 'us-east-1',
    state: 'available',
    rootDeviceType: 'ebs',
    isPublic: false,
    blockDevices: [],
    tags: [],
    ...overrides,
  };
}
