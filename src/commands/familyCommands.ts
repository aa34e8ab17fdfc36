import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { allows } from '../core/model/capabilities';
import { InputError } from '../core/model/errors';
import type { ImageFamily } from '../core/model/imageFamily';
import { missingRegions, previousVersionOf } from '../core/model/imageFamily';
import { isAmiId } from '../core/model/validation';
import { FamilyImageNode, FamilyNode, FamilyVersionNode } from '../tree/familyNodes';
import { GROUP_ORDER } from '../core/model/grouping';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import type { CopyImageOutcome } from './copyImage';
import { copyTargets } from './copyImage';
import * as l10n from '@vscode/l10n';

/** What the compare commands resolve to (what `executeCommand` returns): the two documents. */
export interface ComparisonOutcome {
  /** The older AMI's normalised document (left side of the diff). */
  left: string;
  /** The newer AMI's normalised document (right side). */
  right: string;
}

/**
 * `amiExplorer.family.copyNewestToMissing`: opens the Copy Image wizard for the newest version of a
 * family with the listed regions it is missing from ticked as destinations. The user goes through
 * the wizard as always (name, tags, encryption) and may change the regions.
 */
export async function copyNewestToMissingRegions(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<CopyImageOutcome | undefined> {
  const family = clicked instanceof FamilyNode ? clicked.family : await pickFamily(deps);
  const missing = missingRegions(family, deps.families.listedRegions);
  const newest = family.versions[0];
  if (!newest || missing.length === 0) {
    await deps.ui.notify(
      'info',
      l10n.t(
        'The newest version of {0} ({1}) is in every listed region.',
        family.label,
        newest?.name ?? l10n.t('none'),
      ),
    );
    return undefined;
  }
  const source = newest.images.find((ami) =>
    allows({ ami, owned: deps.families.isOwned(ami) }, 'copy'),
  );
  if (!source) {
    throw new InputError(
      l10n.t(
        '{0} cannot be copied from any region it is in (it must be available and yours or shared with you).',
        newest.name,
      ),
    );
  }
  return copyTargets(deps, [{ ami: source, owned: deps.families.isOwned(source) }], {
    destinations: missing,
  });
}

/**
 * `amiExplorer.image.compare` ("Compare with…"): two selected AMIs, or one and another picked (the
 * same family first), side by side in VS Code's diff editor, older on the left, normalised
 * (`normalizeImageDocument`) so that the diff shows what differs.
 */
export async function compareImages(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<ComparisonOutcome> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Compare AMIs'),
    many: true,
  });
  if (targets.length > 2) {
    throw new InputError(
      l10n.t(
        'Compare takes two AMIs; {0} are selected. Select one (to pick the other) or two.',
        targets.length,
      ),
    );
  }
  const [first, second] = targets;
  if (!first) throw new InputError(l10n.t('Choose an AMI to compare.'));
  const other = second?.ami ?? (await pickOther(deps, first.ami));
  return openComparison(deps, first.ami, other);
}

/**
 * `amiExplorer.image.compareWithPrevious`: an AMI (or a family version) against the version before
 * it in its family, in the same region when that version exists there.
 */
export async function compareWithPrevious(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<ComparisonOutcome | undefined> {
  let ami: Ami | undefined;
  if (clicked instanceof FamilyVersionNode) ami = clicked.imageIn();
  else if (clicked instanceof FamilyImageNode) ami = clicked.ami;
  else {
    const [target] = await imageTargets(deps, clicked, undefined, {
      title: l10n.t('Compare with Previous Version'),
      many: false,
    });
    ami = target?.ami;
  }
  if (!ami) throw new InputError(l10n.t('Choose an AMI to compare.'));
  const family = deps.families.familyOf(ami);
  if (!family) {
    throw new InputError(
      l10n.t(
        '{0} is in no family (see amiExplorer.families.tag), so it has no previous version.',
        amiDisplayName(ami),
      ),
    );
  }
  const previous = previousVersionOf(family, ami);
  if (!previous) {
    await deps.ui.notify(
      'info',
      l10n.t('{0} is the oldest listed version of {1}.', amiDisplayName(ami), family.label),
    );
    return undefined;
  }
  return openComparison(deps, previous, ami);
}

async function openComparison(deps: CommandDeps, a: Ami, b: Ami): Promise<ComparisonOutcome> {
  if (a.imageId === b.imageId && a.region === b.region) {
    throw new InputError(l10n.t('Choose two different AMIs to compare.'));
  }
  const [older, newer] = (a.creationDate ?? '') <= (b.creationDate ?? '') ? [a, b] : [b, a];
  const [left, right] = await withProgress(
    l10n.t('Loading {0} and {1}…', older.imageId, newer.imageId),
    (signal) =>
      Promise.all(
        [older, newer].map((ami) =>
          deps.documents.load(
            { region: ami.region, resourceId: ami.imageId, normalized: true },
            signal,
          ),
        ),
      ),
  );
  if (!left || !right) throw new InputError(l10n.t('Could not load both AMIs.'));
  const side = (ami: Ami): string => `${amiDisplayName(ami)} (${ami.region})`;
  await vscode.commands.executeCommand(
    'vscode.diff',
    left,
    right,
    `${side(older)} ↔ ${side(newer)}`,
  );
  return { left: left.toString(), right: right.toString() };
}

interface OtherItem extends vscode.QuickPickItem {
  ami?: Ami;
  typedId?: string;
}

/** Picks the AMI to compare with: the same family first, then every other listed AMI. */
async function pickOther(deps: CommandDeps, ami: Ami): Promise<Ami> {
  const family = deps.families.familyOf(ami);
  const rule = deps.families.current().rule;
  const listed: Ami[] = [];
  for (const region of deps.imagesTree.regions) {
    const listing = region.listing;
    if (!listing) continue;
    for (const backingType of GROUP_ORDER) listed.push(...listing.imagesOf(backingType));
  }
  const item = (other: Ami): OtherItem => ({
    label: amiDisplayName(other),
    description: `${other.imageId} · ${other.region} · ${(other.creationDate ?? '').slice(0, 10)}`,
    ami: other,
  });
  const members = family
    ? family.versions.flatMap((v) => v.images).filter((i) => i.imageId !== ami.imageId)
    : [];
  const memberIds = new Set(members.map((m) => m.imageId));
  const others = listed
    .filter((i) => i.imageId !== ami.imageId && !memberIds.has(i.imageId))
    .sort((x, y) => (y.creationDate ?? '').localeCompare(x.creationDate ?? ''));
  const items: OtherItem[] = [
    ...(members.length > 0
      ? [
          {
            label: l10n.t('Same family: {0}', family?.label ?? ''),
            kind: vscode.QuickPickItemKind.Separator,
          },
          ...members.map(item),
        ]
      : []),
    ...(others.length > 0
      ? [
          { label: l10n.t('Other AMIs'), kind: vscode.QuickPickItemKind.Separator },
          ...others.map(item),
        ]
      : []),
  ];
  const chosen = await deps.ui.pick<OtherItem>({
    title: l10n.t('Compare {0} ({1}) with', amiDisplayName(ami), ami.imageId),
    placeholder:
      rule.kind === 'tag'
        ? l10n.t(
            'AMI to compare with (the same {0} tag first), or type an AMI id in {1}',
            rule.key,
            ami.region,
          )
        : l10n.t(
            'AMI to compare with (the same family first), or type an AMI id in {0}',
            ami.region,
          ),
    items,
    matchOnDescription: true,
    typedItem: (value) =>
      isAmiId(value)
        ? {
            label: value,
            description: l10n.t('look up this AMI id in {0}', ami.region),
            typedId: value,
          }
        : undefined,
  });
  if (chosen.ami) return chosen.ami;
  const typedId = chosen.typedId ?? '';
  return withProgress(l10n.t('Looking up {0}…', typedId), (signal) =>
    deps.images.getImage(ami.region, typedId, signal),
  );
}

interface FamilyItem extends vscode.QuickPickItem {
  family: ImageFamily;
}

/** From the palette: a family whose newest version is missing in a listed region. */
async function pickFamily(deps: CommandDeps): Promise<ImageFamily> {
  const listed = deps.families.listedRegions;
  const families = deps.families
    .current()
    .families.filter((f) => missingRegions(f, listed).length > 0);
  if (families.length === 0) {
    throw new InputError(
      l10n.t(
        'No family has its newest version missing in a listed region (the AMI Families view groups what the Images view lists).',
      ),
    );
  }
  const chosen = await deps.ui.pick<FamilyItem>({
    title: l10n.t('Copy Newest to Missing Regions'),
    placeholder: l10n.t('Family whose newest version to copy'),
    items: families.map((family) => ({
      label: family.label,
      description: l10n.t(
        'newest {0} · not in {1}',
        family.versions[0]?.name ?? '',
        missingRegions(family, listed).join(', '),
      ),
      family,
    })),
    matchOnDescription: true,
  });
  return chosen.family;
}
