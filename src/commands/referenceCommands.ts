import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import type { Ami } from '../core/model/ami';
import { InputError } from '../core/model/errors';
import { familyPattern } from '../core/model/imageFamily';
import { LIST_PAGE_SIZE } from '../core/model/scope';
import { isAmiId, isRegionName } from '../core/model/validation';
import { withProgress } from '../ui/progress';
import { revealImage } from '../ui/revealImage';
import { openResourceDocument } from '../webviews/openResourceDocument';
import type { CommandDeps } from './commandDeps';
import type { CopyImageOutcome } from './copyImage';
import { copyTargets } from './copyImage';
import * as l10n from '@vscode/l10n';

/**
 * The commands that the hover of an AMI id in code and its quick fixes run. They take the AMI (and,
 * to replace it, where it is written) as their argument: only read-only actions and an edit the
 * user picks in a quick pick, so an argument cannot skip a question. Every argument is checked.
 */
export interface ReferenceTarget {
  readonly region: string;
  readonly imageId: string;
}

export interface ReplaceTarget extends ReferenceTarget {
  readonly uri: string;
  readonly start: number;
}

function referenceTarget(argument: unknown): ReferenceTarget {
  const { region, imageId } = (argument ?? {}) as Partial<Record<string, unknown>>;
  if (typeof region !== 'string' || !isRegionName(region))
    throw new InputError(l10n.t('This action needs the region of an AMI id in code.'));
  if (typeof imageId !== 'string' || !isAmiId(imageId))
    throw new InputError(l10n.t('This action needs an AMI id from code.'));
  return { region, imageId };
}

/** `amiExplorer.reference.openJson`: the AMI's JSON beside the code. */
export async function openReferenceJson(deps: CommandDeps, argument: unknown): Promise<void> {
  const { region, imageId } = referenceTarget(argument);
  await openResourceDocument(deps.documents, { region, resourceId: imageId });
}

/** `amiExplorer.reference.showBlockDevices`. */
export function showReferenceBlockDevices(deps: CommandDeps, argument: unknown): Promise<void> {
  deps.panels.showBlockDevices(referenceTarget(argument));
  return Promise.resolve();
}

/** `amiExplorer.reference.reveal`: the AMI's row in the Images view, when its scope lists it. */
export async function revealReference(deps: CommandDeps, argument: unknown): Promise<boolean> {
  const { region, imageId } = referenceTarget(argument);
  const shown = await revealImage(deps.imagesView, deps.imagesTree, region, imageId);
  if (!shown) {
    await deps.ui.notify(
      'info',
      l10n.t(
        "{0} is not in the Images view: its region ({1}) is not listed, or the view's scope does not include it (change it with Select Scope…).",
        imageId,
        region,
      ),
    );
  }
  return shown;
}

/**
 * `amiExplorer.reference.replace`: replaces the id in code with another AMI of the same family
 * (same owner, same name with another version or date), picked from the available ones, newest
 * first, with their dates.
 */
export async function replaceReference(
  deps: CommandDeps,
  argument: unknown,
): Promise<string | undefined> {
  const { region, imageId } = referenceTarget(argument);
  const { uri, start } = (argument ?? {}) as Partial<Record<string, unknown>>;
  if (typeof uri !== 'string' || typeof start !== 'number' || !Number.isInteger(start) || start < 0)
    throw new InputError(l10n.t('This action needs where the AMI id is written.'));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const range = new vscode.Range(
    document.positionAt(start),
    document.positionAt(start + imageId.length),
  );
  const current = await withProgress(l10n.t('Looking up the family of {0}…', imageId), (signal) =>
    deps.images.getImage(region, imageId, signal),
  );
  const family = current.name === undefined ? undefined : familyPattern(current.name);
  if (family === undefined) {
    throw new InputError(
      l10n.t(
        'The name of {0} ({1}) has no version or date part, so it has no family to look in.',
        imageId,
        current.name ?? l10n.t('none'),
      ),
    );
  }
  const members = await withProgress(l10n.t('Listing {0} in {1}…', family, region), (signal) =>
    deps.ec2.images.list(
      region,
      {
        ...(current.ownerId ? { Owners: [current.ownerId] } : {}),
        Filters: [{ Name: 'name', Values: [family] }],
        MaxResults: LIST_PAGE_SIZE,
      },
      signal,
    ),
  );
  const now = Date.now();
  const candidates = members
    .filter(
      (m) =>
        m.imageId !== imageId &&
        m.state === 'available' &&
        (m.deprecationTime === undefined || Date.parse(m.deprecationTime) > now),
    )
    .sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? ''));
  if (candidates.length === 0) {
    await deps.ui.notify(
      'info',
      l10n.t(
        'No other available, not deprecated AMI of the family {0} (owner {1}) in {2}.',
        family,
        current.ownerId ?? l10n.t('unknown'),
        region,
      ),
    );
    return undefined;
  }
  const { image: chosen } = await deps.ui.pick<vscode.QuickPickItem & { image: Ami }>({
    title: l10n.t('Replace {0} ({1}) with', imageId, amiDisplayName(current)),
    placeholder: l10n.t('AMIs of the family {0} in {1}, newest first', family, region),
    items: candidates.map((m) => ({
      label: amiDisplayName(m),
      description: l10n.t(
        '{0} · created {1}',
        m.imageId,
        (m.creationDate ?? 'unknown').slice(0, 10),
      ),
      detail:
        (m.creationDate ?? '') > (current.creationDate ?? '')
          ? l10n.t('newer than the AMI in the code')
          : l10n.t('older than the AMI in the code'),
      image: m,
    })),
    matchOnDescription: true,
  });
  if (document.getText(range) !== imageId) {
    throw new InputError(
      l10n.t('The code changed meanwhile: {0} is no longer where it was.', imageId),
    );
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, chosen.imageId);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new InputError(l10n.t('VS Code did not apply the edit to {0}.', document.uri.fsPath));
  }
  return chosen.imageId;
}

/**
 * `amiExplorer.reference.copy`: the Copy Image… wizard for the AMI written in code, with
 * `toRegions` (the regions a region map lacks it in) ticked as destinations. The wizard asks
 * everything as from the tree: the argument only pre-selects regions.
 */
export async function copyReference(
  deps: CommandDeps,
  argument: unknown,
): Promise<CopyImageOutcome> {
  const { region, imageId } = referenceTarget(argument);
  const { toRegions } = (argument ?? {}) as Partial<Record<string, unknown>>;
  if (
    toRegions !== undefined &&
    (!Array.isArray(toRegions) ||
      !toRegions.every((r): r is string => typeof r === 'string' && isRegionName(r)))
  ) {
    throw new InputError(l10n.t('This action needs region names to copy the AMI to.'));
  }
  const ami = await withProgress(l10n.t('Looking up {0} in {1}…', imageId, region), (signal) =>
    deps.images.getImage(region, imageId, signal),
  );
  return copyTargets(
    deps,
    [{ ami, owned: deps.imagesTree.isOwned(ami) }],
    toRegions === undefined ? {} : { destinations: toRegions },
  );
}
