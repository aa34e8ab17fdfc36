import * as vscode from 'vscode';
import type { ResourceDocumentRef } from '../core/model/resourceDocumentPath';
import {
  RESOURCE_DOCUMENT_SCHEME,
  formatResourceDocumentPath,
  parseResourceDocumentPath,
} from '../core/model/resourceDocumentPath';
import type { ImageService } from '../core/services/imageService';
import type { InstanceService } from '../core/services/instanceService';
import type { Snapshot } from '../core/model/snapshot';

/** Reads one snapshot (DescribeSnapshots) for `ami:/<region>/snap-….json` documents. */
export type SnapshotReader = (
  region: string,
  snapshotId: string,
  signal?: AbortSignal,
) => Promise<Snapshot>;
import { InputError } from '../core/model/errors';
import { normalizeImageDocument } from '../core/model/imageComparison';

/** The query of an AMI document in the normalised form "Compare with…" shows. */
const NORMALIZED_QUERY = 'normalized';
import { errorSentence } from '../core/model/errorSentence';
import type { ImageEvents } from '../core/services/imageEvents';
import { eventRegion } from '../core/services/imageEvents';
import { logError } from '../log';
import * as l10n from '@vscode/l10n';

/**
 * Read-only JSON documents for AMIs, instances and snapshots: `ami:/<region>/<label> (<id>).json`. The URI holds
 * everything needed to load it again, so tabs survive a window reload (activation event
 * `onFileSystem:ami`).
 */
export class ResourceDocumentProvider
  implements vscode.TextDocumentContentProvider, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  /** Content fetched by a command just before opening, so opening does not fetch twice. */
  private readonly prefetched = new Map<string, string>();

  private readonly subscription: { dispose(): void };

  constructor(
    private readonly images: ImageService,
    private readonly instances: InstanceService,
    private readonly log: vscode.LogOutputChannel,
    events: ImageEvents,
    private readonly snapshots?: SnapshotReader,
  ) {
    // Whatever changed an image (a command, a panel, polling), its open tabs show it next.
    this.subscription = events.subscribe((event) => this.refresh(eventRegion(event)));
  }

  /**
   * The URI of a resource's document; `normalized` for the form "Compare with…" shows
   * (`normalizeImageDocument`: identity first, keys sorted, block devices by device name).
   */
  static uri(
    ref: Omit<ResourceDocumentRef, 'kind'>,
    label?: string,
    normalized = false,
  ): vscode.Uri {
    return vscode.Uri.from({
      scheme: RESOURCE_DOCUMENT_SCHEME,
      path: formatResourceDocumentPath(ref, label),
      ...(normalized ? { query: NORMALIZED_QUERY } : {}),
    });
  }

  /**
   * Loads a resource's document (errors propagate, so a command can report them before a tab opens)
   * and returns its URI, labelled with the resource's name when it has one. The content is kept for
   * the `provideTextDocumentContent` call that opening the URI makes.
   */
  async load(
    target: { region: string; resourceId: string; label?: string; normalized?: boolean },
    signal?: AbortSignal,
  ): Promise<vscode.Uri> {
    const ref = parseResourceDocumentPath(formatResourceDocumentPath(target));
    if (!ref)
      throw new InputError(l10n.t('Not an AMI, instance or snapshot id: {0}', target.resourceId));
    const normalized = target.normalized === true && ref.kind === 'image';
    const value = await this.fetch(ref, signal);
    const label = target.label ?? value.label;
    const uri = ResourceDocumentProvider.uri(ref, label, normalized);
    const key = uri.toString();
    this.prefetched.set(
      key,
      serialize(normalized ? normalizeImageDocument(value.document) : value.document),
    );
    // Already open: VS Code will not ask for it when the tab is shown, so it is told it changed
    // (it shows what was just read), and nothing stale is left for a later refresh to return.
    if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === key)) {
      this.emitter.fire(uri);
    }
    return uri;
  }

  async provideTextDocumentContent(
    uri: vscode.Uri,
    token: vscode.CancellationToken,
  ): Promise<string> {
    const key = uri.toString();
    const ready = this.prefetched.get(key);
    if (ready !== undefined) {
      this.prefetched.delete(key);
      return ready;
    }
    const ref = parseResourceDocumentPath(uri.path);
    if (!ref) return errorJson(l10n.t('This is not an AMI Explorer document: {0}', uri.path));
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await this.render(ref, uri.query === NORMALIZED_QUERY, controller.signal);
    } catch (error) {
      // A restored tab whose resource is gone (or whose credentials expired) says so in the tab.
      logError(this.log, `Loading ${uri.path}`, error);
      return errorJson(errorSentence(error), ref);
    } finally {
      subscription.dispose();
    }
  }

  /** Re-reads every open AMI Explorer document (of one region, or all). */
  refresh(region?: string): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== RESOURCE_DOCUMENT_SCHEME) continue;
      const ref = parseResourceDocumentPath(doc.uri.path);
      if (ref && (region === undefined || ref.region === region)) {
        // A refresh reads EC2 again, never what an earlier open left aside.
        this.prefetched.delete(doc.uri.toString());
        this.emitter.fire(doc.uri);
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private async render(
    ref: ResourceDocumentRef,
    normalized: boolean,
    signal?: AbortSignal,
  ): Promise<string> {
    const { document } = await this.fetch(ref, signal);
    return serialize(
      normalized && ref.kind === 'image' ? normalizeImageDocument(document) : document,
    );
  }

  private async fetch(
    ref: ResourceDocumentRef,
    signal?: AbortSignal,
  ): Promise<{ document: unknown; label?: string }> {
    if (ref.kind === 'image') {
      const document = await this.images.getImageDocument(ref.region, ref.resourceId, signal);
      const name = document.Image.Name;
      return { document, ...(typeof name === 'string' && name.length > 0 ? { label: name } : {}) };
    }
    if (ref.kind === 'snapshot') {
      if (!this.snapshots) throw new InputError(l10n.t('Snapshot documents are not available.'));
      const snapshot = await this.snapshots(ref.region, ref.resourceId, signal);
      return { document: { Region: ref.region, Snapshot: snapshot.raw } };
    }
    const instance = await this.instances.getInstance(ref.region, ref.resourceId, signal);
    return {
      document: { Region: ref.region, Instance: instance.raw },
      ...(instance.name ? { label: instance.name } : {}),
    };
  }
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, jsonIndent())}\n`;
}

/** The user's indentation for JSON (editor.tabSize / insertSpaces, language-specific first). */
function jsonIndent(): string | number {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
  const tabSize = editor.get<number | string>('tabSize', 4);
  const size = typeof tabSize === 'number' && tabSize > 0 ? Math.min(tabSize, 10) : 4;
  return editor.get<boolean>('insertSpaces', true) ? size : '\t';
}

function errorJson(message: string, ref?: ResourceDocumentRef): string {
  return `${JSON.stringify(
    { Error: message, ...(ref ? { Region: ref.region, Id: ref.resourceId } : {}) },
    null,
    jsonIndent(),
  )}\n`;
}
