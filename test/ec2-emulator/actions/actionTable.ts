import type { ActionHandler } from './actionContext';
import { describeImageAttribute } from './describeImageAttribute';
import { describeImages } from './describeImages';
import { describeInstances } from './describeInstances';
import { describeRegions } from './describeRegions';
import { describeSnapshots } from './describeSnapshots';
import { describeTags } from './describeTags';

/** How the dispatcher treats an action. */
export interface ActionSpec {
  readonly handler: ActionHandler;
  /** Mutating actions are refused for read-only keys (UnauthorizedOperation). */
  readonly mutating: boolean;
}

/** Every EC2 action the emulator implements; anything else answers InvalidAction. */
export const actionTable: ReadonlyMap<string, ActionSpec> = new Map<string, ActionSpec>([
  ['DescribeRegions', { handler: describeRegions, mutating: false }],
  ['DescribeImages', { handler: describeImages, mutating: false }],
  ['DescribeImageAttribute', { handler: describeImageAttribute, mutating: false }],
  ['DescribeInstances', { handler: describeInstances, mutating: false }],
  ['DescribeSnapshots', { handler: describeSnapshots, mutating: false }],
  ['DescribeTags', { handler: describeTags, mutating: false }],
]);
