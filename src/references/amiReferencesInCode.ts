import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import type { Ami } from '../core/model/ami';
import {
  describeRegionRule,
  gapCopiesAt,
  judgeReference,
  regionMapGaps,
} from '../core/model/amiReferenceStatus';
import type { ReferenceFinding, RegionAnswer } from '../core/model/amiReferenceStatus';
import {
  beingTyped,
  changedSpans,
  findAmiReferences,
  syntaxFor,
} from '../core/model/amiReferences';
import type { AmiReference, Syntax, TextSpan } from '../core/model/amiReferences';
import { errorSentence } from '../core/model/errorSentence';
import { familyPattern } from '../core/model/imageFamily';
import { CredentialsError } from '../core/model/errors';
import { lookupKey } from '../core/services/amiReferenceLookup';
import type { AmiReferenceLookup } from '../core/services/amiReferenceLookup';
import { logError } from '../log';
import * as l10n from '@vscode/l10n';

/** The `amiExplorer.references.*` settings. */
export interface ReferenceSettings {
  readonly enabled: boolean;
  /** Language ids scanned besides the built-in ones (read as nested blocks). */
  readonly languages: readonly string[];
  readonly deprecationWarningDays: number;
  /** How many files the workspace scan reads at most. */
  readonly maxFiles: number;
}

export interface ReferenceDeps {
  readonly lookup: AmiReferenceLookup;
  /** Every configured region; throws a CredentialsError without usable credentials. */
  readonly regions: () => Promise<readonly string[]>;
  readonly settings: () => ReferenceSettings;
  readonly log: vscode.LogOutputChannel;
}

/** The `source` of our diagnostics in the Problems view. */
export const DIAGNOSTIC_SOURCE = l10n.t('AMI Explorer');

/** How long after the last keystroke a document is checked. */
const CHECK_DELAY_MS = 600;

/** One id in a document and what is known about it. */
export interface Checked {
  readonly reference: AmiReference;
  readonly answers: readonly RegionAnswer[];
}

/**
 * AMI ids in infrastructure code: problems (diagnostics) on the documents open in editors and a
 * hover on each id. Looks up ids through the shared, cached lookup: one DescribeImages per region
 * per check, nothing while the user is still typing the id, nothing at all without credentials
 * (one line in the log instead of an error per id).
 */
export class AmiReferencesInCode implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('amiExplorer');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last check of each document, for its quick fixes. */
  private readonly lastChecked = new Map<string, Checked[]>();
  /** Where the last edit of each document put its text (to tell an id still being typed). */
  private readonly lastEdits = new Map<string, TextSpan[]>();
  /** Documents with an id left unchecked because it was being typed: checked once the cursor leaves. */
  private readonly waitingForCursor = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private credentialsNoted = false;

  constructor(private readonly deps: ReferenceDeps) {
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
        provideHover: (document, position, token) => this.hover(document, position, token),
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.checkVisible()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.lastEdits.set(event.document.uri.toString(), changedSpans(event.contentChanges));
        if (this.isShown(event.document)) this.schedule(event.document);
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => {
        const key = textEditor.document.uri.toString();
        if (this.waitingForCursor.has(key) && !this.timers.has(key)) {
          this.schedule(textEditor.document);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        this.diagnostics.delete(document.uri);
        this.lastChecked.delete(key);
        this.lastEdits.delete(key);
        this.waitingForCursor.delete(key);
      }),
      vscode.languages.registerCodeActionsProvider(
        [{ scheme: 'file' }, { scheme: 'untitled' }],
        { provideCodeActions: (document, _range, context) => this.quickFixes(document, context) },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    this.checkVisible();
  }

  /** Checks every document shown in an editor again (after a refresh or a settings change). */
  refresh(): void {
    this.credentialsNoted = false;
    this.checkVisible();
  }

  /** Checks again the shown documents that mention an image that just changed. */
  imageChanged(imageId: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.getText().includes(imageId)) this.schedule(editor.document, 0);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /**
   * Checks a document now and waits for its problems (tests and the refresh command). An id the
   * user is still typing (see {@link beingTyped}) is not looked up: it is checked once the cursor
   * leaves it.
   */
  async check(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const key = document.uri.toString();
    const syntax = this.syntaxOf(document);
    const references = syntax === undefined ? [] : findAmiReferences(document.getText(), syntax);
    const lastEdit = this.lastEdits.get(key) ?? [];
    const cursors = vscode.window.visibleTextEditors
      .filter((e) => e.document === document)
      .flatMap((e) => e.selections.map((s) => document.offsetAt(s.active)));
    const whole = references.filter((r) => !beingTyped(r, lastEdit, cursors));
    if (whole.length < references.length) this.waitingForCursor.add(key);
    else this.waitingForCursor.delete(key);
    const checked = whole.length === 0 ? undefined : await this.answersFor(whole);
    // A newer version of the text has its own check coming.
    if (document.isClosed || document.version !== version) return;
    if (checked === undefined) this.lastChecked.delete(document.uri.toString());
    else this.lastChecked.set(document.uri.toString(), checked);
    // Gaps in region maps come from the text alone: they show without credentials too.
    const gaps = [...regionMapGaps(references)].map(([reference, finding]) =>
      toDiagnostic(document, reference, finding),
    );
    const now = new Date();
    const { deprecationWarningDays } = this.deps.settings();
    const diagnostics = [
      ...gaps,
      ...(checked ?? []).flatMap(({ reference, answers }) =>
        judgeReference(reference, answers, now, deprecationWarningDays).findings.map((f) =>
          toDiagnostic(document, reference, f),
        ),
      ),
    ];
    if (diagnostics.length === 0) this.diagnostics.delete(document.uri);
    else this.diagnostics.set(document.uri, diagnostics);
  }

  private checkVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  private isShown(document: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document === document);
  }

  private schedule(document: vscode.TextDocument, delayMs = CHECK_DELAY_MS): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(document).catch((error: unknown) =>
          logError(this.deps.log, 'Checking AMI ids in ' + document.uri.fsPath, error),
        );
      }, delayMs),
    );
  }

  private syntaxOf(document: vscode.TextDocument): Syntax | undefined {
    const settings = this.deps.settings();
    if (!settings.enabled) return undefined;
    return syntaxFor(document.languageId, document.fileName, settings.languages);
  }

  /**
   * What each region it is looked for in says about each reference, in one batch (one call per
   * region for the ids not cached); undefined without usable credentials (noted once in the log).
   */
  async answersFor(
    references: readonly AmiReference[],
    signal?: AbortSignal,
  ): Promise<Checked[] | undefined> {
    let configured: readonly string[];
    try {
      configured = await this.deps.regions();
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      if (!this.credentialsNoted) {
        this.credentialsNoted = true;
        this.deps.log.info(`AMI ids in code are not checked: ${errorSentence(error)}`);
      }
      return undefined;
    }
    const regionsOf = (r: AmiReference): readonly string[] =>
      r.region === undefined ? configured : [r.region.region];
    const results = await this.deps.lookup.lookup(
      references.map((r) => ({ imageId: r.imageId, regions: regionsOf(r) })),
      signal,
    );
    return references.map((reference) => ({
      reference,
      answers: regionsOf(reference).map((region): RegionAnswer => {
        const result = results.get(lookupKey(region, reference.imageId));
        if (result?.kind === 'found') return { region, kind: 'found', image: result.image };
        if (result?.kind === 'missing') return { region, kind: 'missing' };
        return {
          region,
          kind: 'failed',
          reason: result === undefined ? l10n.t('not looked up') : errorSentence(result.error),
        };
      }),
    }));
  }

  /** The references setting of the moment (the workspace scan uses it too). */
  get settings(): ReferenceSettings {
    return this.deps.settings();
  }

  /**
   * Quick fixes for our problems: copy the AMI to a region its region map lacks it in, open the
   * AMI's JSON, replace it with another of its family.
   */
  private quickFixes(
    document: vscode.TextDocument,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const checked = this.lastChecked.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const entry = checked.find((c) => c.reference.start === start);
      if (diagnostic.code === 'ami-region-map-gap') {
        actions.push(...this.gapFixes(document, diagnostic, start, entry));
        continue;
      }
      const image = entry?.answers.flatMap((a) => (a.kind === 'found' ? [a.image] : []))[0];
      if (entry === undefined || image === undefined) continue;
      const target = { region: image.region, imageId: image.imageId };
      if (image.name !== undefined && familyPattern(image.name) !== undefined) {
        const replace = new vscode.CodeAction(
          l10n.t(
            'Replace with another AMI of the same family ({0})…',
            familyPattern(image.name) ?? '',
          ),
          vscode.CodeActionKind.QuickFix,
        );
        replace.diagnostics = [diagnostic];
        replace.isPreferred = true;
        replace.command = {
          command: 'amiExplorer.reference.replace',
          title: replace.title,
          arguments: [{ ...target, uri: document.uri.toString(), start: entry.reference.start }],
        };
        actions.push(replace);
      }
      const open = new vscode.CodeAction(
        l10n.t('Open AMI JSON of {0}', image.imageId),
        vscode.CodeActionKind.QuickFix,
      );
      open.diagnostics = [diagnostic];
      open.command = {
        command: 'amiExplorer.reference.openJson',
        title: open.title,
        arguments: [target],
      };
      actions.push(open);
    }
    return actions;
  }

  /**
   * "Copy <ami> to <region>…" for each region a region map lacks the id in: the Copy Image… wizard
   * with that region ticked. Gaps come from the text, so these are offered without a lookup too;
   * not when its region answered that the AMI is not there (there is nothing to copy).
   */
  private gapFixes(
    document: vscode.TextDocument,
    diagnostic: vscode.Diagnostic,
    start: number,
    entry: Checked | undefined,
  ): vscode.CodeAction[] {
    const syntax = this.syntaxOf(document);
    if (syntax === undefined) return [];
    const answers = entry?.answers ?? [];
    if (answers.length > 0 && answers.every((a) => a.kind === 'missing')) return [];
    return gapCopiesAt(findAmiReferences(document.getText(), syntax), start).map((copy) => {
      const action = new vscode.CodeAction(
        l10n.t('Copy {0} to {1}…', copy.imageId, copy.toRegion),
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      action.command = {
        command: 'amiExplorer.reference.copy',
        title: action.title,
        arguments: [{ region: copy.region, imageId: copy.imageId, toRegions: [copy.toRegion] }],
      };
      return action;
    });
  }

  private async hover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const syntax = this.syntaxOf(document);
    if (syntax === undefined) return undefined;
    const offset = document.offsetAt(position);
    const references = findAmiReferences(document.getText(), syntax);
    const reference = references.find((r) => r.start <= offset && offset <= r.end);
    if (reference === undefined) return undefined;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    let checked: Checked | undefined;
    try {
      [checked] = (await this.answersFor([reference], controller.signal)) ?? [];
    } finally {
      cancel.dispose();
    }
    if (checked === undefined || token.isCancellationRequested) return undefined;
    const { answers } = checked;
    const verdict = judgeReference(
      reference,
      answers,
      new Date(),
      this.deps.settings().deprecationWarningDays,
    );
    const gap = regionMapGaps(references).get(reference);
    return new vscode.Hover(
      hoverMarkdown(reference, answers, [...(gap ? [gap] : []), ...verdict.findings], document.uri),
      new vscode.Range(document.positionAt(reference.start), document.positionAt(reference.end)),
    );
  }
}

function toDiagnostic(
  document: vscode.TextDocument,
  reference: AmiReference,
  finding: ReferenceFinding,
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(document.positionAt(reference.start), document.positionAt(reference.end)),
    finding.message,
    finding.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : finding.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/**
 * The only commands a hover link may run: read-only ones, a replacement the user picks, and the
 * Copy Image… wizard (which asks everything; its argument only ticks destinations).
 */
const HOVER_COMMANDS = [
  'amiExplorer.reference.openJson',
  'amiExplorer.reference.showBlockDevices',
  'amiExplorer.reference.reveal',
  'amiExplorer.reference.replace',
  'amiExplorer.reference.copy',
];

function commandLink(title: string, command: string, argument: object): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([argument]))})`;
}

/**
 * Markdown with no HTML; what EC2 says goes in as escaped text, and links run only the commands
 * above, with arguments made here (a checked region and AMI id).
 */
function hoverMarkdown(
  reference: AmiReference,
  answers: readonly RegionAnswer[],
  findings: readonly ReferenceFinding[],
  uri: vscode.Uri,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportHtml = false;
  const where = describeRegionRule(reference.region?.rule, reference.region?.region);
  const found = answers.flatMap((a) => (a.kind === 'found' ? [a.image] : []));
  if (found.length === 0) {
    md.appendMarkdown(`**${reference.imageId}**\n\n`);
    md.appendText(l10n.t('Region: {0}.\n', where));
  }
  for (const image of found) {
    md.appendMarkdown('**');
    md.appendText(amiDisplayName(image));
    md.appendMarkdown('**\n\n');
    md.appendText(imageSummary(image, where));
  }
  for (const finding of findings) md.appendText(`\n⚠ ${finding.message}`);
  for (const a of answers) {
    if (a.kind === 'failed') md.appendText(l10n.t('\nNot known in {0}: {1}', a.region, a.reason));
  }
  const [image] = found;
  if (image !== undefined) {
    const target = { region: image.region, imageId: image.imageId };
    // A region map that lacks the id somewhere: Copy Image… with those regions ticked.
    const lacking = findings.find((f) => f.code === 'ami-region-map-gap')?.lackingRegions;
    const links = [
      commandLink(l10n.t('Open AMI JSON'), 'amiExplorer.reference.openJson', target),
      commandLink(l10n.t('Show Block Devices'), 'amiExplorer.reference.showBlockDevices', target),
      commandLink(l10n.t('Reveal in Tree'), 'amiExplorer.reference.reveal', target),
      commandLink(
        l10n.t('Copy Image…'),
        'amiExplorer.reference.copy',
        lacking === undefined ? target : { ...target, toRegions: lacking },
      ),
    ];
    if (image.name !== undefined && familyPattern(image.name) !== undefined) {
      links.push(
        commandLink(l10n.t('Replace with…'), 'amiExplorer.reference.replace', {
          ...target,
          uri: uri.toString(),
          start: reference.start,
        }),
      );
    }
    md.appendMarkdown(`\n\n${links.join(' · ')}`);
  }
  return md;
}

function imageSummary(image: Ami, where: string): string {
  const lines = [
    `${image.imageId} · ${image.state} · ${image.region} (${where})`,
    l10n.t(
      'Owner: {0}{1} · {2}',
      image.ownerId ?? l10n.t('unknown'),
      image.ownerAlias ? ` (${image.ownerAlias})` : '',
      image.isPublic ? l10n.t('public') : l10n.t('private'),
    ),
    [
      image.creationDate ? l10n.t('Created {0}', image.creationDate.slice(0, 10)) : undefined,
      image.architecture,
      image.rootDeviceType === 'ebs' ? 'EBS-backed' : l10n.t('instance store-backed'),
      image.platformDetails ?? image.platform,
    ]
      .filter((p) => p !== undefined)
      .join(' · '),
  ];
  if (image.deprecationTime) lines.push(l10n.t('Deprecation: {0}', image.deprecationTime));
  if (image.imageAllowed !== undefined)
    lines.push(
      l10n.t('Allowed AMIs: {0}', image.imageAllowed ? l10n.t('allowed') : l10n.t('not allowed')),
    );
  if (image.lastLaunchedTime !== undefined)
    lines.push(l10n.t('Last launched: {0}', image.lastLaunchedTime));
  return lines.join('\n') + '\n';
}
