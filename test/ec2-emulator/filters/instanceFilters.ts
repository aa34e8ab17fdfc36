import type { InstanceRecord } from '../state/instanceRecord';
import { instanceStateCodes } from '../state/instanceRecord';
import { isoTime } from '../views/isoTime';
import type { FilterDefinition } from './filterSet';

/** The DescribeInstances filters the emulator models (instances must be settled first). */
export const instanceFilterDefinition: FilterDefinition<InstanceRecord> = {
  tagsOf: (i) => i.tags,
  accessors: {
    architecture: (i) => i.architecture,
    'availability-zone': (i) => i.availabilityZone,
    'block-device-mapping.device-name': (i) => i.volumes.map((v) => v.deviceName),
    'block-device-mapping.volume-id': (i) => i.volumes.map((v) => v.volumeId),
    'image-id': (i) => i.imageId,
    'instance-id': (i) => i.instanceId,
    'instance-state-code': (i) => String(instanceStateCodes[i.state]),
    'instance-state-name': (i) => i.state,
    'instance-type': (i) => i.instanceType,
    'key-name': (i) => i.keyName,
    'launch-time': (i) => isoTime(i.launchedAt),
    'owner-id': (i) => i.ownerId,
    platform: (i) => i.platform,
    'private-ip-address': (i) => i.privateIpAddress,
    'reservation-id': (i) => i.reservationId,
    'root-device-name': (i) => i.rootDeviceName,
    'root-device-type': (i) => i.rootDeviceType,
    'subnet-id': (i) => i.subnetId,
    'virtualization-type': (i) => i.virtualizationType,
    'vpc-id': (i) => i.vpcId,
  },
};
