import type { Ec2Instance } from '../core/model/instance';
import type { InstanceService, InstancesWithImages } from '../core/services/instanceService';
import type { InstancesRegionHost } from './instancesRegionNode';
import { InstancesRegionNode } from './instancesRegionNode';
import type { RegionTreeDeps } from './regionTreeProvider';
import { RegionTreeProvider } from './regionTreeProvider';

/** The Instances view: Region → instances. */
export class InstancesTreeProvider
  extends RegionTreeProvider<InstancesRegionNode>
  implements InstancesRegionHost
{
  constructor(
    deps: RegionTreeDeps,
    private readonly instances: InstanceService,
  ) {
    super(deps);
  }

  listInstances(region: string, signal: AbortSignal): Promise<Ec2Instance[]> {
    return this.instances.listInstances(region, signal);
  }

  /** The view's listing: the instances and, from one call alongside, the AMI of each. */
  listInstancesWithImages(region: string, signal: AbortSignal): Promise<InstancesWithImages> {
    return this.instances.listInstancesWithImages(region, signal);
  }

  protected readonly idPrefix = 'instances';

  protected createRegionNode(region: string, expanded: boolean): InstancesRegionNode {
    return new InstancesRegionNode(region, this, expanded);
  }
}
