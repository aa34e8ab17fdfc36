import type { InstancesWithImages } from '../core/services/instanceService';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { InstanceNode } from './instanceNode';
import { MessageNode } from './messageNode';
import type { RegionNodeHost } from './regionNode';
import { RegionNode } from './regionNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What an Instances region needs from its tree beyond loading. */
export interface InstancesRegionHost extends RegionNodeHost {
  listInstancesWithImages(region: string, signal: AbortSignal): Promise<InstancesWithImages>;
}

/** A region in the Instances view. */
export class InstancesRegionNode extends RegionNode<InstancesWithImages> {
  protected readonly contextValue = contextValue(T.region, T.instancesRegion);

  constructor(
    region: string,
    private readonly instancesHost: InstancesRegionHost,
    expanded: boolean,
  ) {
    super(`instances/${region}`, region, instancesHost, expanded);
  }

  protected fetch(signal: AbortSignal): Promise<InstancesWithImages> {
    return this.instancesHost.listInstancesWithImages(this.region, signal);
  }

  protected childrenOf({ instances, images, imagesError }: InstancesWithImages): TreeNode[] {
    if (instances.length === 0) {
      return [
        new MessageNode(`${this.id}/empty`, this, { kind: 'empty', label: l10n.t('No instances') }),
      ];
    }
    return instances.map(
      (i) =>
        new InstanceNode(`${this.id}/${i.instanceId}`, this, i, {
          image: images.get(i.instanceId),
          imagesError,
        }),
    );
  }

  protected describe({ instances }: InstancesWithImages): string {
    return instances.length === 1
      ? l10n.t('{0} instance', instances.length)
      : l10n.t('{0} instances', instances.length);
  }
}
