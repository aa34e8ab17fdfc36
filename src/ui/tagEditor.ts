import * as vscode from 'vscode';
import type { Ami, Tag } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { isCancellation } from '../core/model/errors';
import { validateTagKey, validateTagValue } from '../core/model/imageInputs';
import { quoted } from '../core/model/inputText';
import type { TagChanges } from '../core/model/tagChanges';
import {
  describeTagChanges,
  diffTags,
  formatTag,
  isEmptyTagChange,
  MAX_TAGS_PER_RESOURCE,
  snapshotIdsOf,
} from '../core/model/tagChanges';
import { MultiStepInput } from './multiStepInput';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/** What the tag editor produced: the change and whether it also goes to the AMI's snapshots. */
export interface TagEditResult {
  changes: TagChanges;
  includeSnapshots: boolean;
}

type Action =
  | { kind: 'apply' }
  | { kind: 'add' }
  | { kind: 'remove' }
  | { kind: 'snapshots' }
  | { kind: 'edit'; key: string }
  | { kind: 'restore'; tag: Tag };

interface ActionItem extends vscode.QuickPickItem {
  action?: Action;
}

/**
 * Manage Tags for one AMI: a list of its tags (key = value) with "Add tag…", "Remove tags…",
 * selecting a tag to change its value, and the choice to apply to its EBS snapshots too. Changes are
 * staged and shown until "Apply"; Escape in the list cancels everything (CancelledError), Escape in a
 * field returns to the list.
 */
export async function editTagsInteractively(ui: Ask, ami: Ami): Promise<TagEditResult> {
  const original = ami.tags;
  let working: Tag[] = original.map((t) => ({ ...t }));
  let includeSnapshots = false;
  const snapshots = snapshotIdsOf(ami).length;
  const title = l10n.t('Manage Tags: {0} ({1})', amiDisplayName(ami), ami.imageId);
  for (;;) {
    const changes = diffTags(original, working);
    const picked = await ui.pick({
      title,
      placeholder: isEmptyTagChange(changes)
        ? l10n.t('Select a tag to change its value, or add or remove tags')
        : l10n.t('Pending: {0}. Select "Apply" to send them to EC2.', describeTagChanges(changes)),
      items: listItems(original, working, changes, snapshots, includeSnapshots),
      matchOnDescription: true,
    });
    const action = picked.action;
    if (!action) continue;
    switch (action.kind) {
      case 'apply':
        return { changes, includeSnapshots };
      case 'snapshots':
        includeSnapshots = !includeSnapshots;
        break;
      case 'add': {
        const tag = await askNewTag(ui, title, working);
        if (tag) working = [...working, tag];
        break;
      }
      case 'edit': {
        const current = working.find((t) => t.key === action.key);
        if (!current) break;
        const value = await askValue(ui, title, current.key, current.value);
        if (value !== undefined) {
          working = working.map((t) => (t.key === current.key ? { key: t.key, value } : t));
        }
        break;
      }
      case 'remove': {
        const chosen = await orBack(
          ui.pickMany({
            title,
            placeholder: l10n.t('Tags to remove'),
            items: working.map((tag) => ({ label: formatTag(tag), tag })),
          }),
        );
        if (chosen && chosen.length > 0) {
          const gone = new Set(chosen.map((c) => c.tag.key));
          working = working.filter((t) => !gone.has(t.key));
        }
        break;
      }
      case 'restore':
        working = [...working, { ...action.tag }];
        break;
    }
  }
}

function listItems(
  original: readonly Tag[],
  working: readonly Tag[],
  changes: TagChanges,
  snapshots: number,
  includeSnapshots: boolean,
): ActionItem[] {
  const items: ActionItem[] = [];
  if (!isEmptyTagChange(changes)) {
    items.push({
      label: l10n.t('$(check) Apply changes'),
      description: describeTagChanges(changes),
      detail: l10n.t(
        'One CreateTags and/or one DeleteTags call on the AMI{0}.',
        includeSnapshots
          ? snapshots === 1
            ? l10n.t(' and its {0} snapshot', snapshots)
            : l10n.t(' and its {0} snapshots', snapshots)
          : '',
      ),
      action: { kind: 'apply' },
    });
  }
  items.push({
    label: l10n.t('$(add) Add tag…'),
    ...(working.length >= MAX_TAGS_PER_RESOURCE
      ? { description: l10n.t('EC2 allows at most {0} tags', MAX_TAGS_PER_RESOURCE) }
      : {}),
    action: { kind: 'add' },
  });
  if (working.length > 0)
    items.push({ label: l10n.t('$(trash) Remove tags…'), action: { kind: 'remove' } });
  if (snapshots > 0) {
    items.push({
      label:
        snapshots === 1
          ? l10n.t('$(database) Also apply to its {0} EBS snapshot', snapshots)
          : l10n.t('$(database) Also apply to its {0} EBS snapshots', snapshots),
      description: includeSnapshots
        ? l10n.t('Yes (select to change)')
        : l10n.t('No (select to change)'),
      action: { kind: 'snapshots' },
    });
  }
  items.push({ label: l10n.t('Tags'), kind: vscode.QuickPickItemKind.Separator });
  if (working.length === 0)
    items.push({ label: l10n.t('No tags'), description: l10n.t('Add one above') });
  const before = new Map(original.map((t) => [t.key, t.value]));
  for (const tag of working) {
    const was = before.get(tag.key);
    items.push({
      label: formatTag(tag),
      description:
        was === undefined
          ? l10n.t('new')
          : was !== tag.value
            ? l10n.t('changed (was {0})', was.length > 0 ? was : l10n.t('empty'))
            : undefined,
      action: { kind: 'edit', key: tag.key },
    });
  }
  const removed = original.filter((t) => !working.some((w) => w.key === t.key));
  if (removed.length > 0) {
    items.push({ label: l10n.t('To be removed'), kind: vscode.QuickPickItemKind.Separator });
    for (const tag of removed) {
      items.push({
        label: `$(circle-slash) ${formatTag(tag)}`,
        description: l10n.t('select to keep'),
        action: { kind: 'restore', tag },
      });
    }
  }
  return items;
}

async function askNewTag(
  ui: Ask,
  title: string,
  working: readonly Tag[],
): Promise<Tag | undefined> {
  const key = await orBack(
    ui.text({
      title,
      prompt: l10n.t('Tag key (1–128 characters; keys starting with "aws:" are reserved)'),
      validate: (value) => {
        const problem = validateTagKey(value);
        if (problem) return problem;
        if (value !== value.trim()) return l10n.t('A tag key cannot start or end with spaces.');
        return working.some((t) => t.key === value)
          ? l10n.t('{0} already exists: select it in the list to change its value.', quoted(value))
          : undefined;
      },
    }),
  );
  if (key === undefined) return undefined;
  const value = await askValue(ui, title, key, '');
  return value === undefined ? undefined : { key, value };
}

function askValue(ui: Ask, title: string, key: string, value: string): Promise<string | undefined> {
  return orBack(
    ui.text({
      title,
      prompt: l10n.t('Value of "{0}" (up to 256 characters; may be empty)', key),
      value,
      validate: validateTagValue,
    }),
  );
}

/** Escape in a field of the editor returns to the tag list: `undefined` instead of a cancel. */
async function orBack<T>(asked: Promise<T>): Promise<T | undefined> {
  try {
    return await asked;
  } catch (error) {
    if (isCancellation(error)) return undefined;
    throw error;
  }
}

/**
 * "Add tag to N AMIs": key, value, and whether to tag their snapshots too, in one wizard with Back.
 */
export async function askTagForImages(
  ui: Ask,
  count: number,
): Promise<{ tag: Tag; includeSnapshots: boolean }> {
  const state: { key?: string; value?: string; includeSnapshots?: boolean } = {};
  await MultiStepInput.run(
    ui,
    l10n.t('Add Tag to {0} AMIs', count),
    3,
    async (input, s) => {
      s.key = await input.text({
        prompt: l10n.t(
          'Tag key (1–128 characters; keys starting with "aws:" are reserved). An existing key gets the new value.',
        ),
        ...(s.key !== undefined ? { value: s.key } : {}),
        validate: (v) =>
          validateTagKey(v) ??
          (v !== v.trim() ? l10n.t('A tag key cannot start or end with spaces.') : undefined),
      });
      return async (input2, s2) => {
        s2.value = await input2.text({
          prompt: l10n.t('Value of "{0}" (up to 256 characters; may be empty)', s2.key ?? ''),
          ...(s2.value !== undefined ? { value: s2.value } : {}),
          validate: validateTagValue,
        });
        return async (input3, s3) => {
          const choice = await input3.pick({
            placeholder: l10n.t('Tag their EBS snapshots too?'),
            items: [
              { label: l10n.t('AMIs only'), snapshots: false },
              { label: l10n.t('AMIs and their EBS snapshots'), snapshots: true },
            ],
          });
          s3.includeSnapshots = choice.snapshots;
          return undefined;
        };
      };
    },
    state,
  );
  return {
    tag: { key: state.key ?? '', value: state.value ?? '' },
    includeSnapshots: state.includeSnapshots ?? false,
  };
}
