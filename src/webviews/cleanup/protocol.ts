import type { CleanupRules, RefusalKind } from '../../core/model/cleanupPlan';
import type { ReportItem } from '../../core/model/operationReport';
import { isRegionName } from '../../core/model/validation';
import { hasOnlyKeys, isRecord, isShortString } from '../protocolGuards';

/** The panel's view type. */
export const CLEANUP_VIEW_TYPE = 'amiExplorer.cleanup';

/** The largest day count or keep count the form accepts (100 years; more is a typo). */
export const MAX_RULE_NUMBER = 36_500;

/** One candidate as the preview shows it. */
export interface CandidateRow {
  region: string;
  imageId: string;
  name?: string;
  family: string;
  creationDate?: string;
  chosenBy: string[];
  snapshots: { snapshotId: string; sizeGiB?: number; keptFor?: string[] }[];
  totalGiB: number;
  monthlyCost: number;
  /** References found when the not-referenced rule is off. */
  references: string[];
}

/** One refused AMI as the preview shows it. */
export interface RefusedRow {
  region: string;
  imageId: string;
  name?: string;
  family: string;
  kinds: RefusalKind[];
  reasons: string[];
}

/** The preview. */
export interface PlanView {
  regions: string[];
  candidates: CandidateRow[];
  refused: RefusedRow[];
  totals: { amis: number; snapshots: number; gib: number; monthlyCostUpperBound: number };
  pricePerGbMonth: number;
  /** Regions that could not be listed, with why. */
  failedRegions: { region: string; error: string }[];
}

/** Host → webview messages. */
export type HostToCleanup =
  | {
      type: 'init';
      /** The regions the Images view lists. */
      regions: string[];
      /** Ticked at first (the region the command was run on, else all). */
      selected: string[];
      rules: CleanupRules;
      pricePerGbMonth: number;
    }
  /** Planning (listing, checking references) is under way. */
  | { type: 'planning' }
  | { type: 'plan'; plan: PlanView }
  | { type: 'planFailed'; message: string }
  /** Deregistering is under way (or waiting for the confirmations). */
  | { type: 'running'; message: string }
  /** The per-item report of a run; the preview is planned again after it. */
  | { type: 'report'; title: string; summary: string; items: ReportItem[] }
  /** A short status line (exported, cancelled…). */
  | { type: 'notice'; message: string };

/** Webview → host messages. */
export type CleanupToHost =
  | { type: 'ready' }
  /** Plan with these regions and rules. */
  | { type: 'plan'; regions: string[]; rules: CleanupRules }
  /** Deregister the candidates of the preview shown (the host's own copy of it). */
  | { type: 'deregister' }
  /** Open the preview shown as JSON or CSV in a new editor. */
  | { type: 'export'; format: 'json' | 'csv' };

const RULE_KEYS = [
  'keepNewest',
  'olderThanDays',
  'notLaunchedForDays',
  'requireUnreferenced',
  'includeDeprecated',
  'includeDisabled',
  'protectTag',
  'includeShared',
  'includePublic',
] as const;

function isCount(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_RULE_NUMBER
  );
}

/** Runtime check of rules sent by the webview. */
export function isCleanupRules(value: unknown): value is CleanupRules {
  if (!isRecord(value) || !hasOnlyKeys(value, RULE_KEYS)) return false;
  if (!isCount(value.keepNewest)) return false;
  if (value.olderThanDays !== undefined && !isCount(value.olderThanDays)) return false;
  if (value.notLaunchedForDays !== undefined && !isCount(value.notLaunchedForDays)) return false;
  for (const key of [
    'requireUnreferenced',
    'includeDeprecated',
    'includeDisabled',
    'includeShared',
    'includePublic',
  ] as const) {
    if (typeof value[key] !== 'boolean') return false;
  }
  const tag = value.protectTag;
  if (tag !== undefined) {
    if (!isRecord(tag) || !hasOnlyKeys(tag, ['key', 'value'])) return false;
    // EC2 tag keys are up to 128 characters, values up to 256.
    if (!isShortString(tag.key, 128)) return false;
    if (tag.value !== undefined && !isShortString(tag.value, 256)) return false;
  }
  return true;
}

/** Runtime check of a message from the webview; anything else is ignored (and logged). */
export function isCleanupToHost(message: unknown): message is CleanupToHost {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'ready':
    case 'deregister':
      return hasOnlyKeys(message, ['type']);
    case 'plan':
      return (
        hasOnlyKeys(message, ['type', 'regions', 'rules']) &&
        Array.isArray(message.regions) &&
        message.regions.length > 0 &&
        message.regions.length <= 64 &&
        message.regions.every((r) => typeof r === 'string' && isRegionName(r)) &&
        isCleanupRules(message.rules)
      );
    case 'export':
      return (
        hasOnlyKeys(message, ['type', 'format']) &&
        (message.format === 'json' || message.format === 'csv')
      );
    default:
      return false;
  }
}
