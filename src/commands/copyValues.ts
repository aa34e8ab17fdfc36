import * as vscode from 'vscode';
import { InputError } from '../core/model/errors';
import { selectedImages, selectedInstances } from '../ui/targets';
import * as l10n from '@vscode/l10n';

/** Copies one value per selected node, one per line, and says what was copied. */
async function copyLines(values: string[], what: string): Promise<void> {
  if (values.length === 0)
    throw new InputError(l10n.t('Select {0} in the AMI Explorer first.', what));
  await vscode.env.clipboard.writeText(values.join('\n'));
  vscode.window.setStatusBarMessage(
    values.length === 1
      ? l10n.t('Copied {0}', values[0] ?? '')
      : l10n.t('Copied {0} values', values.length),
    3000,
  );
}

/** `amiExplorer.image.copyId` on one or several AMIs. */
export async function copyImageId(clicked?: unknown, selection?: unknown): Promise<void> {
  const nodes = selectedImages(clicked, selection);
  await copyLines(
    nodes.map((n) => n.ami.imageId),
    l10n.t('an AMI'),
  );
}

/** `amiExplorer.image.copyName` on one or several AMIs (unnamed ones are skipped). */
export async function copyImageName(clicked?: unknown, selection?: unknown): Promise<void> {
  const nodes = selectedImages(clicked, selection);
  await copyLines(
    nodes.flatMap((n) => (n.ami.name ? [n.ami.name] : [])),
    l10n.t('a named AMI'),
  );
}

/** `amiExplorer.instance.copyId` on one or several instances. */
export async function copyInstanceId(clicked?: unknown, selection?: unknown): Promise<void> {
  const nodes = selectedInstances(clicked, selection);
  await copyLines(
    nodes.map((n) => n.instance.instanceId),
    l10n.t('an instance'),
  );
}
