import * as vscode from 'vscode';
import type { Images } from '../core/aws/images';
import type { ImageInsights } from '../core/aws/imageInsights';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { InputError } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import type { SharedUsage } from '../core/model/imageInsightsText';
import { findingsMarkdown, usageMarkdown } from '../core/model/imageInsightsText';
import { isRegionName } from '../core/model/validation';
import { logError } from '../log';
import * as l10n from '@vscode/l10n';

/** The scheme of the Show Findings and Show Usage documents. */
export const INSIGHT_DOCUMENT_SCHEME = 'ami-insight';

/** What an insight document shows: `/<region>/<ami-id>/<label> findings.md` (or `usage.md`). */
export interface InsightDocumentRef {
  kind: 'findings' | 'usage';
  region: string;
  imageId: string;
  /** Usage: the image usage report shown (absent: the AMI is not shared). */
  reportId?: string;
}

/** The URI of an insight document; the tab shows `<label> findings.md` or `<label> usage.md`. */
export function insightDocumentUri(ref: InsightDocumentRef, label: string): vscode.Uri {
  const safe = label.replace(/[/\\?#%]/g, '_');
  return vscode.Uri.from({
    scheme: INSIGHT_DOCUMENT_SCHEME,
    path: `/${ref.region}/${ref.imageId}/${safe} ${ref.kind}.md`,
    ...(ref.reportId ? { query: `report=${encodeURIComponent(ref.reportId)}` } : {}),
  });
}

/** The ref an insight document URI holds, or `undefined` when it is not one. */
export function parseInsightDocumentUri(uri: vscode.Uri): InsightDocumentRef | undefined {
  const match = /^\/([^/]+)\/(ami-[0-9a-f]+)\/.* (findings|usage)\.md$/.exec(uri.path);
  if (!match?.[1] || !match[2] || !match[3] || !isRegionName(match[1])) return undefined;
  const report = /(?:^|&)report=([^&]+)/.exec(uri.query)?.[1];
  return {
    kind: match[3] as InsightDocumentRef['kind'],
    region: match[1],
    imageId: match[2],
    ...(report ? { reportId: decodeURIComponent(report) } : {}),
  };
}

/**
 * Read-only markdown documents for Show Findings and Show Usage. The URI holds everything needed to
 * render it again (region, AMI, report id), so a tab restored after a reload reads EC2 again.
 */
export class InsightDocumentProvider
  implements vscode.TextDocumentContentProvider, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  /** Content rendered by a command just before opening, so opening does not fetch twice. */
  private readonly prefetched = new Map<string, string>();

  constructor(
    private readonly images: Pick<Images, 'byId' | 'launchPermissions'>,
    private readonly insights: Pick<
      ImageInsights,
      'findings' | 'references' | 'usageReports' | 'usageEntries'
    >,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Renders a document (errors propagate to the command) and returns its URI. */
  async load(ref: InsightDocumentRef, signal?: AbortSignal): Promise<vscode.Uri> {
    const { text, label } = await this.render(ref, signal);
    const uri = insightDocumentUri(ref, label);
    this.prefetched.set(uri.toString(), text);
    return uri;
  }

  async provideTextDocumentContent(
    uri: vscode.Uri,
    token: vscode.CancellationToken,
  ): Promise<string> {
    const ready = this.prefetched.get(uri.toString());
    if (ready !== undefined) {
      this.prefetched.delete(uri.toString());
      return ready;
    }
    const ref = parseInsightDocumentUri(uri);
    if (!ref) return l10n.t('This is not an AMI Explorer document: {0}\n', uri.path);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return (await this.render(ref, controller.signal)).text;
    } catch (error) {
      logError(this.log, `Loading ${uri.toString()}`, error);
      return l10n.t('# {0} in {1}\n\n{2}\n', ref.imageId, ref.region, errorSentence(error));
    } finally {
      subscription.dispose();
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private async render(
    ref: InsightDocumentRef,
    signal?: AbortSignal,
  ): Promise<{ text: string; label: string }> {
    const image = await this.image(ref, signal);
    const label = amiDisplayName(image);
    if (ref.kind === 'findings') {
      const findings = await this.insights.findings(ref.region, ref.imageId, signal);
      return { text: findingsMarkdown(image, findings), label };
    }
    const [references, shared] = await Promise.all([
      this.insights.references(ref.region, [ref.imageId], undefined, signal),
      this.sharedUsage(ref, signal),
    ]);
    return { text: usageMarkdown(image, references, shared), label };
  }

  private async image(ref: InsightDocumentRef, signal?: AbortSignal): Promise<Ami> {
    const [image] = await this.images.byId(ref.region, [ref.imageId], signal);
    if (!image) throw new InputError(l10n.t('{0} is not visible in {1}.', ref.imageId, ref.region));
    return image;
  }

  private async sharedUsage(ref: InsightDocumentRef, signal?: AbortSignal): Promise<SharedUsage> {
    if (!ref.reportId) return { kind: 'not-shared' };
    const [report] = await this.insights.usageReports(
      ref.region,
      { reportIds: [ref.reportId] },
      signal,
    );
    if (!report) return { kind: 'report-gone', reportId: ref.reportId };
    const entries =
      report.state === 'available'
        ? await this.insights.usageEntries(ref.region, ref.reportId, signal)
        : [];
    return { kind: 'report', report, entries };
  }
}
