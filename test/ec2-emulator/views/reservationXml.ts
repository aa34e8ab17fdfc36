import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl } from '../protocol/xmlWriter';
import type { InstanceRecord } from '../state/instanceRecord';
import { instanceXml } from './instanceXml';

/**
 * Groups instances into `<reservationSet>` items, keeping the order of first appearance, the way
 * DescribeInstances and RunInstances present them.
 */
export function reservationSetXml(instances: readonly InstanceRecord[]): XmlChild {
  const groups = new Map<string, InstanceRecord[]>();
  for (const instance of instances) {
    const group = groups.get(instance.reservationId) ?? [];
    group.push(instance);
    groups.set(instance.reservationId, group);
  }
  return listEl('reservationSet', [...groups.values()], (group) => reservationXml(group));
}

/** The children of one reservation (also the body of RunInstancesResponse). */
export function reservationXml(group: readonly InstanceRecord[]): XmlChild[] {
  const first = group[0];
  return [
    el('reservationId', first?.reservationId ?? ''),
    el('ownerId', first?.ownerId ?? ''),
    el('groupSet'),
    listEl('instancesSet', group, (i) => instanceXml(i)),
  ];
}
