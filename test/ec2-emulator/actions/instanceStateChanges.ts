import { Ec2Error } from '../protocol/ec2Error';
import { requireNonEmpty } from '../protocol/queryInput';
import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl } from '../protocol/xmlWriter';
import type { InstanceRecord, InstanceStateName } from '../state/instanceRecord';
import { instanceStateXml } from '../views/instanceXml';
import type { ActionContext, ActionHandler } from './actionContext';
import { ownedInstances } from './instanceAccess';

function stateChangeSet(
  changes: { instance: InstanceRecord; previous: InstanceStateName }[],
): XmlChild[] {
  return [
    listEl('instancesSet', changes, ({ instance, previous }) => [
      el('instanceId', instance.instanceId),
      el('currentState', ...instanceStateXml(instance.state)),
      el('previousState', ...instanceStateXml(previous)),
    ]),
  ];
}

function instancesOf(ctx: ActionContext): InstanceRecord[] {
  return ownedInstances(ctx, requireNonEmpty(ctx.input.stringList('InstanceId'), 'InstanceId'));
}

/**
 * StopInstances: running → stopping → stopped (after the transition delay). Instance-store-backed
 * instances cannot be stopped; pending ones are in the wrong state. Stopped ones stay stopped.
 */
export const stopInstances: ActionHandler = (ctx) => {
  const instances = instancesOf(ctx);
  for (const instance of instances) {
    if (instance.rootDeviceType !== 'ebs') {
      throw new Ec2Error(
        'UnsupportedOperation',
        `The instance '${instance.instanceId}' does not have an 'ebs' root device type and cannot be stopped.`,
      );
    }
    if (
      instance.state !== 'running' &&
      instance.state !== 'stopping' &&
      instance.state !== 'stopped'
    ) {
      throw new Ec2Error(
        'IncorrectInstanceState',
        `This instance '${instance.instanceId}' is not in a state from which it can be stopped.`,
      );
    }
  }
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous === 'running') {
      instance.state = 'stopping';
      instance.transition = {
        to: 'stopped',
        at: ctx.now + ctx.world.settings.instanceTransitionMs,
      };
      instance.stateTransitionReason = `User initiated (${new Date(ctx.now)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ' GMT')})`;
    }
    return { instance, previous };
  });
  return stateChangeSet(changes);
};

/** StartInstances: stopped → pending → running. Running ones are left alone; stopping ones are refused. */
export const startInstances: ActionHandler = (ctx) => {
  const instances = instancesOf(ctx);
  for (const instance of instances) {
    if (
      instance.state !== 'stopped' &&
      instance.state !== 'running' &&
      instance.state !== 'pending'
    ) {
      throw new Ec2Error(
        'IncorrectInstanceState',
        `The instance '${instance.instanceId}' is not in a state from which it can be started.`,
      );
    }
  }
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous === 'stopped') {
      instance.state = 'pending';
      instance.transition = {
        to: 'running',
        at: ctx.now + ctx.world.settings.instanceTransitionMs,
      };
      instance.stateTransitionReason = '';
    }
    return { instance, previous };
  });
  return stateChangeSet(changes);
};

/**
 * TerminateInstances: any live state → shutting-down → terminated (after the transition delay).
 * Terminated ones stay terminated; DescribeInstances still shows them, as EC2 does for a while.
 */
export const terminateInstances: ActionHandler = (ctx) => {
  const instances = instancesOf(ctx);
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous !== 'terminated' && previous !== 'shutting-down') {
      instance.state = 'shutting-down';
      instance.transition = {
        to: 'terminated',
        at: ctx.now + ctx.world.settings.instanceTransitionMs,
      };
      instance.stateTransitionReason = 'User initiated';
    }
    return { instance, previous };
  });
  return stateChangeSet(changes);
};
