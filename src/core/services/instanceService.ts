import type { Instances } from '../aws/instances';
import { AwsApiError, InputError, throwIfAborted } from '../model/errors';
import type { InstanceImage } from '../model/imageInsights';
import type { Ec2Instance } from '../model/instance';
import { isInstanceId } from '../model/validation';
import * as l10n from '@vscode/l10n';

/** A region's instances and the AMI each was launched from (the Instances view's listing). */
export interface InstancesWithImages {
  instances: Ec2Instance[];
  /** Instance id → its AMI (DescribeInstanceImageMetadata); empty when that call failed. */
  images: ReadonlyMap<string, InstanceImage>;
  /** Why the AMIs are not known (the instances still are). */
  imagesError?: unknown;
}

/** Listing and reading EC2 instances. */
export class InstanceService {
  constructor(private readonly instances: Pick<Instances, 'list' | 'byId' | 'imageMetadata'>) {}

  /**
   * The region's instances (as `listInstances`) and, from one DescribeInstanceImageMetadata
   * listing sent alongside, the AMI each was launched from, deregistered ones too. When that call
   * fails (not allowed, say) the instances are listed all the same, with the reason.
   */
  async listInstancesWithImages(
    region: string,
    signal?: AbortSignal,
  ): Promise<InstancesWithImages> {
    const images = this.instances.imageMetadata(region, undefined, signal).then(
      (list): Omit<InstancesWithImages, 'instances'> => ({
        images: new Map(list.map((m) => [m.instanceId, m])),
      }),
      (error: unknown): Omit<InstancesWithImages, 'instances'> => ({
        images: new Map<string, InstanceImage>(),
        imagesError: error,
      }),
    );
    const instances = await this.listInstances(region, signal);
    const known = await images;
    // A cancelled listing is cancelled, not a listing without AMIs.
    throwIfAborted(signal);
    return { instances, ...known };
  }

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
        l10n.t('"{0}" is not an instance id (i- followed by 8 or 17 hex digits).', instanceId),
      );
    }
    const [instance] = await this.instances.byId(region, [instanceId], signal);
    if (!instance) {
      throw new AwsApiError(
        'InvalidInstanceID.NotFound',
        l10n.t('The instance {0} was not found in {1}.', instanceId, region),
        { region, action: 'DescribeInstances' },
        {},
      );
    }
    return instance;
  }
}
