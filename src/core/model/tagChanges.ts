import type { Ami, Tag } from './ami';
import { validateTagKey, validateTagValue } from './imageInputs';
import { quoted } from './inputText';
import * as l10n from '@vscode/l10n';

/** EC2's limit of user tags per resource. */
export const MAX_TAGS_PER_RESOURCE = 50;

/**
 * What to change on a resource's tags: tags to add or overwrite, and keys to remove. A key is never
 * in both lists.
 */
export interface TagChanges {
  /** Tags to create or overwrite (CreateTags). */
  set: Tag[];
  /** Keys to remove (DeleteTags, by key only, whatever their value). */
  remove: string[];
}

/** The EC2 requests a tag change needs: at most one CreateTags and one DeleteTags. */
export interface TagRequests {
  createTags?: { Resources: string[]; Tags: { Key: string; Value: string }[] };
  /**
   * Only ever with at least one key: DeleteTags without Tag removes every tag of the resources.
   */
  deleteTags?: { Resources: string[]; Tags: { Key: string }[] };
}

/** The changes that turn `current` into `desired` (unchanged tags are left alone). */
export function diffTags(current: readonly Tag[], desired: readonly Tag[]): TagChanges {
  const before = new Map(current.map((t) => [t.key, t.value]));
  const after = new Map(desired.map((t) => [t.key, t.value]));
  const set = [...after]
    .filter(([key, value]) => before.get(key) !== value)
    .map(([key, value]) => ({ key, value }));
  const remove = [...before.keys()].filter((key) => !after.has(key));
  return { set, remove };
}

/** Whether a change does nothing. */
export function isEmptyTagChange(changes: TagChanges): boolean {
  return changes.set.length === 0 && changes.remove.length === 0;
}

/** The tags that result from applying `changes` to `current`, in their original order. */
export function applyTagChanges(current: readonly Tag[], changes: TagChanges): Tag[] {
  const removed = new Set(changes.remove);
  const result = current
    .filter((t) => !removed.has(t.key))
    .map((t) => ({ key: t.key, value: t.value }));
  for (const tag of changes.set) {
    const existing = result.find((t) => t.key === tag.key);
    if (existing) existing.value = tag.value;
    else result.push({ key: tag.key, value: tag.value });
  }
  return result;
}

/**
 * Checks a change before anything is sent: every key and value valid, no key both set and removed,
 * no key set twice, and at most 50 tags once applied to `current`. Returns a sentence, or undefined.
 */
export function validateTagChanges(
  current: readonly Tag[],
  changes: TagChanges,
): string | undefined {
  const seen = new Set<string>();
  for (const tag of changes.set) {
    const problem = validateTagKey(tag.key) ?? validateTagValue(tag.value);
    if (problem) return `${tag.key ? quoted(tag.key) : l10n.t('(empty key)')}: ${problem}`;
    if (tag.key !== tag.key.trim())
      return l10n.t('The tag key {0} has surrounding spaces.', quoted(tag.key));
    if (seen.has(tag.key)) return l10n.t('The tag key {0} is set twice.', quoted(tag.key));
    seen.add(tag.key);
  }
  for (const key of changes.remove) {
    if (seen.has(key))
      return l10n.t('The tag key {0} cannot be both set and removed.', quoted(key));
  }
  const count = applyTagChanges(current, changes).length;
  if (count > MAX_TAGS_PER_RESOURCE) {
    return l10n.t(
      'EC2 allows at most {0} tags per resource; this would make {1}.',
      MAX_TAGS_PER_RESOURCE,
      count,
    );
  }
  return undefined;
}

/** The EBS snapshots of an image, each once (instance-store images have none). */
export function snapshotIdsOf(ami: Pick<Ami, 'blockDevices'>): string[] {
  const ids = ami.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));
  return [...new Set(ids)];
}

/**
 * The CreateTags / DeleteTags inputs for a change on the given resources (the image, and its
 * snapshots when chosen): one call each, none when there is nothing to do.
 */
export function tagRequests(changes: TagChanges, resourceIds: readonly string[]): TagRequests {
  const requests: TagRequests = {};
  if (resourceIds.length === 0) return requests;
  if (changes.set.length > 0) {
    requests.createTags = {
      Resources: [...resourceIds],
      Tags: changes.set.map((t) => ({ Key: t.key, Value: t.value })),
    };
  }
  if (changes.remove.length > 0) {
    requests.deleteTags = {
      Resources: [...resourceIds],
      Tags: changes.remove.map((key) => ({ Key: key })),
    };
  }
  return requests;
}

/** `key = value` (or `key` alone for an empty value), as the tag list shows it. */
export function formatTag(tag: Tag): string {
  return tag.value.length > 0 ? `${tag.key} = ${tag.value}` : tag.key;
}

/** One sentence describing a change, for reports, e.g. "set owner=ops; removed temp". */
export function describeTagChanges(changes: TagChanges): string {
  const parts: string[] = [];
  if (changes.set.length > 0) {
    parts.push(l10n.t('set {0}', changes.set.map((t) => `${t.key}=${t.value}`).join(', ')));
  }
  if (changes.remove.length > 0) parts.push(l10n.t('removed {0}', changes.remove.join(', ')));
  return parts.length > 0 ? parts.join('; ') : l10n.t('no change');
}
