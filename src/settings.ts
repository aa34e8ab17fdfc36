import * as vscode from 'vscode';
import type { FamilyRule } from './core/model/imageFamily';
import { familyRuleOf } from './core/model/imageFamily';
import type { ConnectionSettings } from './core/aws/clientFactory';
import type { ImageSortOrder } from './core/model/grouping';
import { IMAGE_SORT_ORDERS } from './core/model/grouping';
import type { ListingScope, ScopeKind } from './core/model/scope';
import type { ReferenceSettings } from './references/amiReferencesInCode';
import {
  DEFAULT_MAX_CONCURRENT_REGIONS,
  MAX_CONCURRENT_REGIONS_RANGE,
} from './core/services/concurrency';

/** The `amiExplorer.*` settings, read and typed in one place. */
export interface ExtensionSettings {
  regions: string[];
  endpointUrl?: string;
  scope: ListingScope;
  sortBy: ImageSortOrder;
  maxConcurrentRegions: number;
  requestTimeoutMs: number;
}

export const SETTINGS_SECTION = 'amiExplorer';

const SCOPE_KINDS: readonly ScopeKind[] = [
  'owned',
  'shared',
  'amazon',
  'aws-marketplace',
  'accounts',
  'public',
];

function sortOrder(value: string | undefined): ImageSortOrder {
  return (IMAGE_SORT_ORDERS as readonly (string | undefined)[]).includes(value)
    ? (value as ImageSortOrder)
    : 'newest';
}

/** Reads the settings, falling back to defaults for values of the wrong type. */
export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const scopeKind = c.get<string>('listing.scope', 'owned');
  const endpointUrl = c.get<string>('endpointUrl', '').trim();
  const settings: ExtensionSettings = {
    regions: stringArray(c.get('regions')),
    scope: {
      kind: (SCOPE_KINDS as readonly string[]).includes(scopeKind)
        ? (scopeKind as ScopeKind)
        : 'owned',
      accountIds: stringArray(c.get('listing.accountIds')),
      nameFilter: c.get<string>('listing.nameFilter', ''),
      includeDeprecated: c.get<boolean>('listing.includeDeprecated', false) === true,
      includeDisabled: c.get<boolean>('listing.includeDisabled', false) === true,
    },
    sortBy: sortOrder(c.get<string>('sortBy')),
    maxConcurrentRegions: clampInt(
      c.get('maxConcurrentRegions'),
      MAX_CONCURRENT_REGIONS_RANGE.minimum,
      MAX_CONCURRENT_REGIONS_RANGE.maximum,
      DEFAULT_MAX_CONCURRENT_REGIONS,
    ),
    requestTimeoutMs: clampInt(c.get('requestTimeoutSeconds'), 1, 300, 30) * 1000,
  };
  if (endpointUrl.length > 0) settings.endpointUrl = endpointUrl;
  return settings;
}

/** The connection part of the settings, for the client factory. */
export function connectionSettings(
  settings: ExtensionSettings,
  profile: string | undefined,
): ConnectionSettings {
  return {
    ...(profile ? { profile } : {}),
    ...(settings.endpointUrl ? { endpointUrl: settings.endpointUrl } : {}),
    requestTimeoutMs: settings.requestTimeoutMs,
    connectionTimeoutMs: Math.min(settings.requestTimeoutMs, 10_000),
    maxAttempts: 5,
  };
}

/**
 * Writes a setting where the user keeps it: the workspace when it is set there, otherwise the user
 * settings.
 */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const inspected = c.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** The `amiExplorer.references.*` settings: AMI ids in infrastructure code. */
export function readReferenceSettings(): ReferenceSettings {
  const c = vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.references`);
  return {
    enabled: c.get<boolean>('enabled', true) !== false,
    languages: stringArray(c.get('languages')),
    deprecationWarningDays: clampInt(c.get('deprecationWarningDays'), 0, 365, 30),
    maxFiles: clampInt(c.get('maxFiles'), 1, 100_000, 5000),
  };
}

/** Default of `amiExplorer.cleanup.snapshotPricePerGbMonth` (USD, EBS snapshot standard tier). */
export const DEFAULT_SNAPSHOT_PRICE_PER_GB_MONTH = 0.05;

/** The cleanup assistant's price per GB-month of snapshot storage (a non-negative number). */
export function readSnapshotPrice(): number {
  const value = vscode.workspace
    .getConfiguration(`${SETTINGS_SECTION}.cleanup`)
    .get<unknown>('snapshotPricePerGbMonth');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
    ? value
    : DEFAULT_SNAPSHOT_PRICE_PER_GB_MONTH;
}

/** `amiExplorer.recycleBin.showAlways`: the Recycle Bin row under every region, also when empty. */
export const SHOW_RECYCLE_BIN_ALWAYS = 'recycleBin.showAlways';

export function readShowRecycleBinAlways(): boolean {
  return (
    vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(SHOW_RECYCLE_BIN_ALWAYS) ===
    true
  );
}

/** The rule of `amiExplorer.families.tag`: families by that tag's value, or (empty) by name. */
export function readFamilyRule(): FamilyRule {
  return familyRuleOf(
    vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('families.tag'),
  );
}
