import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import { amiDisplayName } from '../core/model/ami';
import { judgeReference } from '../core/model/amiReferenceStatus';
import {
  findAmiReferences,
  REFERENCE_FILE_EXTENSIONS,
  syntaxForFileName,
} from '../core/model/amiReferences';
import type { AmiReference } from '../core/model/amiReferences';
import { InputError } from '../core/model/errors';
import { withProgress } from '../ui/progress';
import { selectedImages } from '../ui/targets';
import * as l10n from '@vscode/l10n';

/** Files larger than this are skipped: generated state files, bundles, logs. */
export const MAX_FILE_BYTES = 1024 * 1024;

interface FileReferences {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly references: AmiReference[];
}

export interface WorkspaceScan {
  readonly files: number;
  readonly skippedLarge: number;
  /** Whether the scan stopped at `amiExplorer.references.maxFiles`. */
  readonly truncated: boolean;
  readonly references: number;
}

/**
 * `amiExplorer.references.findInWorkspace` (and, on an AMI in the tree, only that AMI): every AMI
 * id in the workspace's infrastructure files, with what EC2 says of it, in a pick grouped by file;
 * choosing one opens the file at the id. Honours `files.exclude` and `search.exclude`, skips files
 * over 1 MB and stops at `amiExplorer.references.maxFiles` files, and says so.
 */
export async function findReferencesInWorkspace(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<WorkspaceScan> {
  const only = new Set(selectedImages(clicked, selection).map((n) => n.ami.imageId));
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    throw new InputError(l10n.t('Open a folder or workspace first: there are no files to search.'));
  }
  const maxFiles = deps.references.settings.maxFiles;
  const title =
    only.size === 0
      ? l10n.t('AMI ids in the workspace')
      : l10n.t('References to {0}', [...only].join(', '));
  const found = await withProgress(l10n.t('Finding {0}…', title), async (signal, progress) => {
    const uris = await vscode.workspace.findFiles(
      `**/*.{${Object.keys(REFERENCE_FILE_EXTENSIONS).join(',')}}`,
      excludes(),
      maxFiles + 1,
    );
    const files: FileReferences[] = [];
    let skippedLarge = 0;
    for (const [index, uri] of uris.slice(0, maxFiles).entries()) {
      if (signal.aborted) break;
      if (index % 50 === 0)
        progress.report({ message: l10n.t('{0} of {1} files', index, uris.length) });
      const syntax = syntaxForFileName(uri.path);
      if (syntax === undefined) continue;
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_FILE_BYTES) {
        skippedLarge++;
        continue;
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const references = findAmiReferences(text, syntax).filter(
        (r) => only.size === 0 || only.has(r.imageId),
      );
      if (references.length > 0) files.push({ uri, text, references });
    }
    progress.report({ message: l10n.t('asking EC2…') });
    const checked = await deps.references.answersFor(
      files.flatMap((f) => f.references),
      signal,
    );
    return { files, skippedLarge, truncated: uris.length > maxFiles, checked };
  });
  const total = found.files.reduce((n, f) => n + f.references.length, 0);
  const scan: WorkspaceScan = {
    files: found.files.length,
    skippedLarge: found.skippedLarge,
    truncated: found.truncated,
    references: total,
  };
  const limits = [
    found.truncated
      ? l10n.t('stopped after {0} files (amiExplorer.references.maxFiles)', maxFiles)
      : '',
    found.skippedLarge > 0 ? l10n.t('{0} file(s) over 1 MB skipped', found.skippedLarge) : '',
  ].filter((l) => l.length > 0);
  if (total === 0) {
    await deps.ui.notify(
      'info',
      l10n.t(
        'No {0} found in the workspace{1}.',
        only.size === 0 ? l10n.t('AMI ids') : l10n.t('references'),
        limits.length > 0 ? ` (${limits.join('; ')})` : '',
      ),
    );
    return scan;
  }
  const byReference = new Map((found.checked ?? []).map((c) => [c.reference, c.answers]));
  const now = new Date();
  const { deprecationWarningDays } = deps.references.settings;
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri; offset?: number };
  const items: Item[] = [];
  for (const file of found.files) {
    items.push({
      label: vscode.workspace.asRelativePath(file.uri),
      kind: vscode.QuickPickItemKind.Separator,
    });
    for (const reference of file.references) {
      const answers = byReference.get(reference);
      const line = file.text.slice(0, reference.start).split('\n').length;
      const verdict =
        answers === undefined
          ? undefined
          : judgeReference(reference, answers, now, deprecationWarningDays);
      const image = verdict?.found[0];
      const problem = verdict?.findings[0];
      items.push({
        label: `${problem === undefined ? (verdict === undefined ? '$(question)' : '$(pass)') : problem.severity === 'error' ? '$(error)' : '$(warning)'} ${reference.imageId}`,
        description: [
          image === undefined ? undefined : amiDisplayName(image),
          image?.state,
          reference.region?.region ?? image?.region,
        ]
          .filter((p) => p !== undefined)
          .join(' · '),
        detail:
          problem?.message ??
          (verdict === undefined
            ? l10n.t('not checked: no usable AWS credentials')
            : l10n.t('line {0}', line)),
        uri: file.uri,
        offset: reference.start,
      });
    }
  }
  const chosen = await deps.ui.pick<Item>({
    title: l10n.t(
      '{0}: {1} in {2} file(s){3}',
      title,
      total,
      found.files.length,
      limits.length > 0 ? ` (${limits.join('; ')})` : '',
    ),
    placeholder: l10n.t(
      'Type to filter by id, name, state or problem; Enter opens the file at the id',
    ),
    items,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (chosen.uri !== undefined && chosen.offset !== undefined) {
    const document = await vscode.workspace.openTextDocument(chosen.uri);
    const at = document.positionAt(chosen.offset);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
  }
  return scan;
}

/**
 * The `files.exclude` and `search.exclude` patterns that are on, as one glob (given an exclude,
 * findFiles no longer applies `files.exclude` itself). Conditional patterns (`when`) are left out.
 */
function excludes(): string | undefined {
  const on = (section: string): string[] =>
    Object.entries(
      vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {},
    )
      .filter(([, value]) => value === true)
      .map(([glob]) => glob);
  const patterns = [...new Set([...on('files'), ...on('search')])];
  return patterns.length === 0 ? undefined : `{${patterns.join(',')}}`;
}
