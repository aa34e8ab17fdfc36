import type { Ec2Instance } from '../core/model/instance';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { InstanceNode } from './instanceNode';
import { MessageNode } from './messageNode';
import type { RegionNodeHost } from './regionNode';
import { RegionNode } from './regionNode';
import type { TreeNode } from './treeNode';

/** What an Instances region needs from its tree beyond loading. */
export interface InstancesRegionHost extends RegionNodeHost {
  listInstances(region: string, signal: AbortSignal): Promise<Ec2Instance[]>;
}

/** A region in the Instances view. */
export class InstancesRegionNode extends RegionNode<Ec2Instance[]> {
  protected readonly contextValue = contextValue(T.region, T.instancesRegion);

  constructor(
    region: string,
    private readonly instancesHost: InstancesRegionHost,
    expanded: boolean,
  ) {
    super(`instances/${region}`, region, instancesHost, expanded);
  }

  protected fetch(signal: AbortSignal): Promise<Ec2Instance[]> {
    return this.instancesHost.listInstances(this.region, signal);
  }

  protected childrenOf(instances: Ec2Instance[]): TreeNode[] {
    if (instances.length === 0) {
      return [new MessageNode(`${this.id}/empty`, this, { kind: 'empty', label: 'No instances' })];
    }
    return instances.map((i) => new InstanceNode(`${this.id}/${i.instanceId}`, this, i));
  }

  protected describe(instances: Ec2Instance[]): string {
    return `${instances.length} instance${instances.length === 1 ? '' : 's'}`;
  }
}
