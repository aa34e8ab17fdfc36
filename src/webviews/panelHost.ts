import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { l10nBundle } from '../l10nSetup';
import { logError } from '../log';
import { panelPage } from './panelPage';

/** Where the web bundle, its CSS and the codicon font are built (scripts/build.mjs). */
export const WEBVIEW_DIST = ['dist', 'webview'] as const;

/** A per-load random nonce for the CSP's script-src. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Webview options for every panel: scripts on, no command URIs, and local resources only from the
 * built web bundle and media/.
 */
export function panelOptions(
  extensionUri: vscode.Uri,
): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** Sets webview options that are not fixed at creation (a restored panel has the old ones). */
export function applyPanelOptions(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.webview.options = panelOptions(extensionUri);
}

/**
 * The one place panel HTML is built (see `panelPage`), with a fresh nonce per load and the
 * webview's own resource URIs.
 */
export function panelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { script: string; title: string },
): string {
  return panelPage({
    nonce: createNonce(),
    cspSource: webview.cspSource,
    asset: (file) =>
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST, file)).toString(),
    ...(l10nBundle ? { l10nBundle } : {}),
    ...page,
  });
}

/**
 * The host side of one panel: receives messages through a runtime guard (anything malformed is
 * logged and ignored), posts typed messages, and keeps the last one posted for tests.
 */
export abstract class PanelController<In extends { type: string }, Out extends { type: string }>
  implements vscode.Disposable
{
  /** Everything posted to the webview, newest last (integration tests read it). */
  readonly posted: Out[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  /** Fires once when the panel is closed. */
  readonly onDidDispose = this.disposedEmitter.event;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly log: vscode.LogOutputChannel,
    private readonly isInbound: (message: unknown) => message is In,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The last message posted to the webview. */
  get lastPosted(): Out | undefined {
    return this.posted[this.posted.length - 1];
  }

  /**
   * Handles one inbound message exactly as if the webview had sent it (tests drive panels through
   * here). Returns when the host has finished handling it.
   */
  async receive(message: unknown): Promise<void> {
    if (!this.isInbound(message)) {
      this.log.warn(
        `${this.panel.viewType}: ignored a malformed message from the webview: ${preview(message)}`,
      );
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      logError(this.log, `${this.panel.viewType}: handling ${message.type}`, error);
    }
  }

  /** Posts one message (dropped silently once the panel is closed). */
  protected post(message: Out): void {
    if (this.disposed) return;
    this.posted.push(message);
    if (this.posted.length > 50) this.posted.splice(0, this.posted.length - 50);
    void this.panel.webview.postMessage(message);
  }

  protected abstract handle(message: In): Promise<void>;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}

function preview(message: unknown): string {
  try {
    const text = JSON.stringify(message) ?? String(message);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    // Too deep for JSON.stringify (JSON.parse, which is not recursive, reads it). String() can
    // throw too (a 100,000-deep array, a toString that is not a function), and a malformed
    // message must be ignored, not make the host throw.
    return `(unprintable ${Array.isArray(message) ? 'array' : typeof message})`;
  }
}
