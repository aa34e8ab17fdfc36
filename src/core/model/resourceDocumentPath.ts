import { isSnapshotId } from './snapshot';
import { isAmiId, isInstanceId, isRegionName } from './validation';

/** The URI scheme of the read-only JSON documents. */
export const RESOURCE_DOCUMENT_SCHEME = 'ami';

/** What a resource document shows. */
export type ResourceKind = 'image' | 'instance' | 'snapshot';

/** A resource document's identity, parsed from its URI path. */
export interface ResourceDocumentRef {
  kind: ResourceKind;
  region: string;
  /** `ami-…`, `i-…` or `snap-…`. */
  resourceId: string;
}

/**
 * Formats the URI path of a resource document: `/<region>/<id>.json`, or, when a display label is
 * known, `/<region>/<label> (<id>).json` so that the editor tab shows both name and id (VS Code takes
 * tab titles from the path). AMI names are immutable, so the path stays stable for an image.
 */
export function formatResourceDocumentPath(
  ref: Omit<ResourceDocumentRef, 'kind'>,
  label?: string,
): string {
  const safeLabel = label ? sanitizeLabel(label) : '';
  const file =
    safeLabel.length > 0 && safeLabel !== ref.resourceId
      ? `${safeLabel} (${ref.resourceId}).json`
      : `${ref.resourceId}.json`;
  return `/${ref.region}/${file}`;
}

/** Parses a path made by `formatResourceDocumentPath`; returns `undefined` for anything else. */
export function parseResourceDocumentPath(path: string): ResourceDocumentRef | undefined {
  const match = /^\/([^/]+)\/(?:[^/]*\()?((?:ami|i|snap)-[0-9a-f]+)\)?\.json$/.exec(path);
  if (!match) return undefined;
  const [, region, resourceId] = match as unknown as [string, string, string];
  if (!isRegionName(region)) return undefined;
  // A label is only valid with its id in parentheses; a bare id needs no parentheses.
  const file = path.slice(region.length + 2);
  const labelled = file !== `${resourceId}.json`;
  if (labelled && !file.endsWith(` (${resourceId}).json`)) return undefined;
  if (isAmiId(resourceId)) return { kind: 'image', region, resourceId };
  if (isInstanceId(resourceId)) return { kind: 'instance', region, resourceId };
  if (isSnapshotId(resourceId)) return { kind: 'snapshot', region, resourceId };
  return undefined;
}

/** Labels may hold `/` (allowed in AMI names) which would add a path segment; control chars too. */
function sanitizeLabel(label: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = label.replace(/[\u0000-\u001f/\\]/g, '-').trim();
  // By code points, so an emoji is never cut in half (a lone surrogate breaks the URI).
  return Array.from(cleaned).slice(0, 100).join('');
}
