import type { Instances } from '../aws/instances';
import { AwsApiError, InputError } from '../model/errors';
import type { Ec2Instance } from '../model/instance';
import { isInstanceId } from '../model/validation';

/** Listing and reading EC2 instances. */
export class InstanceService {
  constructor(private readonly instances: Pick<Instances, 'list' | 'byId'>) {}

  /** Instances of one region that are not terminated, sorted by name then id. */
  async listInstances(region: string, signal?: AbortSignal): Promise<Ec2Instance[]> {
    const instances = await this.instances.list(region, signal);
    return instances.sort(
      (a, b) =>
        (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'en', { numeric: true }) ||
        a.instanceId.localeCompare(b.instanceId),
    );
  }

  /** One instance's full record. */
  async getInstance(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<Ec2Instance> {
    if (!isInstanceId(instanceId)) {
      throw new InputError(
        `"${instanceId}" is not an instance id (i- followed by 8 or 17 hex digits).`,
      );
    }
    const [instance] = await this.instances.byId(region, [instanceId], signal);
    if (!instance) {
      throw new AwsApiError(
        'InvalidInstanceID.NotFound',
        `The instance ${instanceId} was not found in ${region}.`,
        { region, action: 'DescribeInstances' },
        {},
      );
    }
    return instance;
  }
}
