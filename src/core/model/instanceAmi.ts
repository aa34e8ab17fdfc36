import type { InstanceImage } from './imageInsights';
import * as l10n from '@vscode/l10n';

/** What the Instances view says about the AMI an instance was launched from. */
export interface InstanceAmiSummary {
  /** The AMI's name, else its id. */
  label: string;
  imageId: string;
  /** Why launching it again would not work: `deregistered`, `disabled`, `deprecated`. */
  problem?: 'deregistered' | 'disabled' | 'deprecated';
  /** EC2 returned only the id: the AMI is no longer visible to the account. */
  hidden: boolean;
}

/**
 * The summary of one instance's AMI from DescribeInstanceImageMetadata, or undefined when EC2 said
 * nothing about the instance. A deregistered AMI is reported with its state (EC2 keeps that
 * record); one EC2 shows only the id of is no longer visible to the account.
 */
export function instanceAmiSummary(
  image: InstanceImage | undefined,
  now: Date,
): InstanceAmiSummary | undefined {
  if (image === undefined || image.imageId.length === 0) return undefined;
  const summary: InstanceAmiSummary = {
    label: image.name && image.name.length > 0 ? image.name : image.imageId,
    imageId: image.imageId,
    hidden: image.name === undefined && image.state === undefined,
  };
  if (image.state === 'deregistered') summary.problem = 'deregistered';
  else if (image.state === 'disabled') summary.problem = 'disabled';
  else if (image.deprecationTime !== undefined) {
    const at = Date.parse(image.deprecationTime);
    if (!Number.isNaN(at) && at <= now.getTime()) summary.problem = 'deprecated';
  }
  return summary;
}

/** The AMI part of an instance row's description: "web-server-2024.11.2 (deregistered)". */
export function instanceAmiText(summary: InstanceAmiSummary): string {
  if (summary.problem) return `${summary.label} (${summary.problem})`;
  return summary.hidden ? l10n.t('{0} (not visible to you)', summary.label) : summary.label;
}
