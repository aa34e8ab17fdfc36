import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import type { InstanceRecord, InstanceStateName } from '../state/instanceRecord';
import { instanceStateCodes } from '../state/instanceRecord';
import { isoTime } from './isoTime';
import { tagSetXml } from './tagSetXml';

/** `<code>`/`<name>` children of an instance state element. */
export function instanceStateXml(state: InstanceStateName): XmlChild[] {
  return [el('code', instanceStateCodes[state]), el('name', state)];
}

/** The children of one `<instancesSet><item>` (the instance must already be settled). */
export function instanceXml(instance: InstanceRecord): XmlChild[] {
  const stopped = instance.state === 'stopped' || instance.state === 'stopping';
  const privateDns = `ip-${instance.privateIpAddress.replace(/\./g, '-')}.${
    instance.region === 'us-east-1' ? 'ec2.internal' : `${instance.region}.compute.internal`
  }`;
  return [
    el('instanceId', instance.instanceId),
    el('imageId', instance.imageId),
    el('instanceState', ...instanceStateXml(instance.state)),
    el('privateDnsName', privateDns),
    el('dnsName', ''),
    el('reason', instance.stateTransitionReason),
    optionalEl('keyName', instance.keyName),
    el('amiLaunchIndex', instance.amiLaunchIndex),
    el('productCodes'),
    el('instanceType', instance.instanceType),
    el('launchTime', isoTime(instance.launchedAt)),
    el(
      'placement',
      el('availabilityZone', instance.availabilityZone),
      el('groupName', ''),
      el('tenancy', 'default'),
    ),
    optionalEl('platform', instance.platform),
    el('monitoring', el('state', 'disabled')),
    el('subnetId', instance.subnetId),
    el('vpcId', instance.vpcId),
    el('privateIpAddress', instance.privateIpAddress),
    el('sourceDestCheck', true),
    el('groupSet'),
    stopped
      ? el(
          'stateReason',
          el('code', 'Client.UserInitiatedShutdown'),
          el('message', 'Client.UserInitiatedShutdown: User initiated shutdown'),
        )
      : undefined,
    el('architecture', instance.architecture),
    el('rootDeviceType', instance.rootDeviceType),
    el('rootDeviceName', instance.rootDeviceName),
    listEl('blockDeviceMapping', instance.volumes, (v) => [
      el('deviceName', v.deviceName),
      el(
        'ebs',
        el('volumeId', v.volumeId),
        el('status', 'attached'),
        el('attachTime', isoTime(v.attachedAt)),
        el('deleteOnTermination', v.deleteOnTermination),
      ),
    ]),
    el('virtualizationType', instance.virtualizationType),
    optionalEl('clientToken', instance.clientToken),
    tagSetXml(instance.tags),
    el('hypervisor', 'xen'),
    el('ebsOptimized', false),
    el('enaSupport', true),
    el('platformDetails', instance.platform === 'windows' ? 'Windows' : 'Linux/UNIX'),
    el('usageOperation', instance.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances'),
  ];
}
