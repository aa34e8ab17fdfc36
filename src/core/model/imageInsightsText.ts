// What Show Lineage, Show Findings and Show Usage present (issue 13 items 2–4): plain functions
// from EC2's answers to rows and markdown, so the commands and documents only fetch and open.
import type { Ami } from './ami';
import { amiDisplayName } from './ami';
import type {
  AncestryEntry,
  ImageFinding,
  ImageReference,
  ImageUsageEntry,
  ImageUsageReport,
} from './imageInsights';
import { FINDING_SEVERITIES } from './imageInsights';
import * as l10n from '@vscode/l10n';

/** One generation of a lineage, with its region and what DescribeImages says of it (if visible). */
export interface LineageStep {
  /** 0 = the AMI asked about; the last one is the root. */
  generation: number;
  imageId: string;
  region: string;
  creationDate?: string;
  ownerAlias?: string;
  sourceImageId?: string;
  sourceImageRegion?: string;
  /** The AMI as DescribeImages returns it to this account; absent when not visible. */
  image?: Ami;
}

/**
 * Each ancestry entry with its region: the first is in `region`, each next one in the region its
 * child names as `sourceImageRegion` (the same region when EC2 does not say).
 */
export function lineageSteps(
  region: string,
  entries: readonly AncestryEntry[],
  visible: ReadonlyMap<string, Ami> = new Map(),
): LineageStep[] {
  let current = region;
  return entries.map((entry, generation) => {
    const step: LineageStep = {
      generation,
      imageId: entry.imageId,
      region: current,
      ...(entry.creationDate ? { creationDate: entry.creationDate } : {}),
      ...(entry.ownerAlias ? { ownerAlias: entry.ownerAlias } : {}),
      ...(entry.sourceImageId ? { sourceImageId: entry.sourceImageId } : {}),
      ...(entry.sourceImageRegion ? { sourceImageRegion: entry.sourceImageRegion } : {}),
    };
    const image = visible.get(`${current}/${entry.imageId}`);
    if (image) step.image = image;
    current = entry.sourceImageRegion ?? current;
    return step;
  });
}

/** The AMI ids of a lineage per region (one DescribeImages per region tells which are visible). */
export function lineageIdsByRegion(steps: readonly LineageStep[]): Map<string, string[]> {
  const byRegion = new Map<string, string[]>();
  for (const step of steps) {
    const ids = byRegion.get(step.region) ?? [];
    if (!ids.includes(step.imageId)) ids.push(step.imageId);
    byRegion.set(step.region, ids);
  }
  return byRegion;
}

/** What a lineage row says: its label, description and detail in a quick pick. */
export function lineageRow(
  step: LineageStep,
  total: number,
): { label: string; description: string; detail: string } {
  const role =
    step.generation === 0
      ? total === 1
        ? l10n.t('this AMI, its own root: not copied from another AMI')
        : l10n.t('this AMI')
      : step.generation === total - 1
        ? l10n.t('root (generation {0})', step.generation)
        : l10n.t('generation {0}', step.generation);
  // What matters most first: a row's detail is cut at the width of the pick.
  const parts = [role];
  if (!step.image) {
    parts.push(l10n.t('not visible to you: deregistered, or not shared with this account'));
  } else if (step.image.state !== 'available') {
    parts.push(step.image.state);
  }
  if (step.creationDate) parts.push(l10n.t('created {0}', shortTime(step.creationDate)));
  if (step.sourceImageId) {
    parts.push(
      l10n.t('copied from {0} ({1})', step.sourceImageId, step.sourceImageRegion ?? step.region),
    );
  }
  if (step.ownerAlias) parts.push(l10n.t('owner {0}', step.ownerAlias));
  else if (step.image?.ownerId) parts.push(l10n.t('owner {0}', step.image.ownerId));
  return {
    label: step.image ? amiDisplayName(step.image) : step.imageId,
    description: `${step.imageId} · ${step.region}`,
    detail: parts.join(' · '),
  };
}

/** The sentence shown when a lineage entry that is not visible is chosen. */
export function notVisibleSentence(step: LineageStep): string {
  return (
    l10n.t(
      '{0} in {1} is not visible to you: it was deregistered, or its owner ',
      step.imageId,
      step.region,
    ) + l10n.t('does not share it with this account. EC2 still names it in the lineage.')
  );
}

/** Severity rank for sorting: critical first; unknown labels last. */
function severityRank(severity: string | undefined): number {
  const index = FINDING_SEVERITIES.indexOf(
    (severity ?? '').toLowerCase() as (typeof FINDING_SEVERITIES)[number],
  );
  return index < 0 ? -1 : index;
}

/** Findings, most severe first, then highest score, then title. */
export function sortFindings(findings: readonly ImageFinding[]): ImageFinding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.title.localeCompare(b.title),
  );
}

/** `CVE-2024-6387 - openssh` → the vulnerability id and the package, when the title says both. */
export function splitFindingTitle(title: string): { vulnerability: string; packageName?: string } {
  const match = /^(\S+)\s+-\s+(.+)$/.exec(title.trim());
  return match?.[1] && match[2]
    ? { vulnerability: match[1], packageName: match[2] }
    : { vulnerability: title.trim() };
}

/** Counts by severity, most severe first: `1 critical, 1 high, 1 medium`. */
export function severityCounts(findings: readonly ImageFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of sortFindings(findings)) {
    const key = (f.severity ?? 'untriaged').toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([severity, n]) => `${n} ${severity}`).join(', ');
}

/** The Show Findings document (markdown) of an AMI. */
export function findingsMarkdown(
  image: Pick<Ami, 'imageId' | 'name' | 'region' | 'findingScanDate' | 'highestFindingSeverity'>,
  findings: readonly ImageFinding[],
): string {
  const lines = [
    l10n.t('# Vulnerability findings: {0} ({1})', md(amiDisplayName(image)), image.imageId),
    '',
    l10n.t('Region {0} · Amazon Inspector (GetImageFindings)', image.region),
    '',
  ];
  if (!image.findingScanDate && findings.length === 0) {
    lines.push(
      l10n.t('**Amazon Inspector has not scanned this AMI**, so EC2 has no findings for it ') +
        l10n.t(
          '(DescribeImages reports no scan). Findings appear here once Inspector has scanned it: ',
        ) +
        l10n.t(
          'Inspector scans AMIs only where Amazon Inspector EC2 scanning is activated for the account.',
        ),
    );
    return `${lines.join('\n')}\n`;
  }
  const scanned = image.findingScanDate
    ? l10n.t('Last scanned {0}.', shortTime(image.findingScanDate))
    : l10n.t('Scanned by Amazon Inspector.');
  if (findings.length === 0) {
    lines.push(
      l10n.t('{0} **No findings**: Inspector found no known vulnerability in this AMI.', scanned),
    );
    return `${lines.join('\n')}\n`;
  }
  const fixable = findings.filter((f) => f.fixAvailable === true).length;
  lines.push(
    (findings.length === 1
      ? l10n.t('{0} {1} finding: ', scanned, findings.length)
      : l10n.t('{0} {1} findings: ', scanned, findings.length)) +
      l10n.t('{0}; a fix is available for {1}.', severityCounts(findings), fixable),
    '',
    l10n.t(
      '| Severity | Vulnerability | Package | Paths | Score | Fix available | First observed |',
    ),
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const f of sortFindings(findings)) {
    const { vulnerability, packageName } = splitFindingTitle(f.title);
    lines.push(
      `| ${cells([
        f.severity ?? l10n.t('untriaged'),
        vulnerability,
        packageName ?? '—',
        f.paths.length > 0 ? f.paths.join(', ') : '—',
        f.score === undefined ? '—' : String(f.score),
        f.fixAvailable === undefined
          ? l10n.t('unknown')
          : f.fixAvailable
            ? l10n.t('yes')
            : l10n.t('no'),
        f.firstObservedAt ? shortTime(f.firstObservedAt) : '—',
      ])} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The kinds of references, in the order the usage document lists them. */
const REFERENCE_KINDS: readonly { type: string; heading: string }[] = [
  { type: 'ec2:Instance', heading: l10n.t('Instances') },
  { type: 'ec2:LaunchTemplate', heading: l10n.t('Launch templates') },
  { type: 'ssm:Parameter', heading: l10n.t('SSM parameters') },
  { type: 'imagebuilder:ImageRecipe', heading: l10n.t('Image Builder image recipes') },
  { type: 'imagebuilder:ContainerRecipe', heading: l10n.t('Image Builder container recipes') },
];

/** The resource an ARN names: `…:launch-template/lt-1` → `lt-1`, `…:parameter/a/b` → `/a/b`. */
export function resourceNameOf(arn: string): string {
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  if (resource.startsWith('parameter/')) return `/${resource.slice('parameter/'.length)}`;
  const slash = resource.indexOf('/');
  return slash < 0 ? resource || arn : resource.slice(slash + 1);
}

/** What a usage document says about other accounts. */
export type SharedUsage =
  /** Launch permissions empty and not public: no other account can use it. */
  | { kind: 'not-shared' }
  /** The report EC2 made, and its entries (when `available`). */
  | { kind: 'report'; report: ImageUsageReport; entries: readonly ImageUsageEntry[] }
  /** The report is gone (EC2 deletes reports 30 days after creating them). */
  | { kind: 'report-gone'; reportId: string };

/** The Show Usage document (markdown) of an AMI. */
export function usageMarkdown(
  image: Pick<Ami, 'imageId' | 'name' | 'region'>,
  references: readonly ImageReference[],
  shared: SharedUsage,
): string {
  const lines = [
    l10n.t('# Usage: {0} ({1})', md(amiDisplayName(image)), image.imageId),
    '',
    l10n.t('Region {0}', image.region),
    '',
    l10n.t('## In this account'),
    '',
    references.length === 0
      ? l10n.t(
          'Nothing in this account references it: no instance, launch template, SSM parameter or ',
        ) + l10n.t('Image Builder recipe (DescribeImageReferences).')
      : (references.length === 1
          ? l10n.t('{0} resource reference it ', references.length)
          : l10n.t('{0} resources reference it ', references.length)) +
        '(DescribeImageReferences).',
  ];
  const known = new Set(REFERENCE_KINDS.map((k) => k.type));
  const kinds = [
    ...REFERENCE_KINDS,
    ...[...new Set(references.map((r) => r.resourceType))]
      .filter((t) => !known.has(t))
      .map((type) => ({ type, heading: type })),
  ];
  for (const kind of kinds) {
    const ofKind = references.filter((r) => r.resourceType === kind.type);
    if (ofKind.length === 0) continue;
    lines.push(
      '',
      `### ${md(kind.heading)} (${ofKind.length})`,
      '',
      l10n.t('| Resource | ARN |'),
      '| --- | --- |',
    );
    for (const r of ofKind) lines.push(`| ${cells([resourceNameOf(r.arn), r.arn])} |`);
  }
  lines.push('', l10n.t('## Other accounts'), '');
  if (shared.kind === 'not-shared') {
    lines.push(
      l10n.t(
        'Not shared: its launch permissions are empty and it is not public, so no other account ',
      ) + l10n.t('can launch it.'),
    );
  } else if (shared.kind === 'report-gone') {
    lines.push(
      l10n.t(
        'The image usage report {0} is no longer there (EC2 deletes reports 30 days ',
        shared.reportId,
      ) + l10n.t('after creating them). Run Show Usage again for a new one.'),
    );
  } else {
    lines.push(...reportLines(shared.report, shared.entries));
  }
  return `${lines.join('\n')}\n`;
}

function reportLines(report: ImageUsageReport, entries: readonly ImageUsageEntry[]): string[] {
  const about = [
    l10n.t('Image usage report {0}', report.reportId),
    report.creationTime ? l10n.t('created {0}', shortTime(report.creationTime)) : undefined,
    report.expirationTime
      ? l10n.t('kept by EC2 until {0}', shortTime(report.expirationTime))
      : undefined,
    l10n.t('counts {0}', report.resourceTypes.map(resourceTypeLabel).join(' and ')),
    report.accountIds.length > 0
      ? l10n.t('of accounts {0}', report.accountIds.join(', '))
      : undefined,
  ]
    .filter((p) => p !== undefined)
    .join(' · ');
  if (report.state === 'pending') {
    return [
      about,
      '',
      l10n.t(
        'EC2 is still preparing this report (it can take a while). AMI Explorer says when it is ',
      ) + l10n.t('ready, also after a window reload; run Show Usage again to see it.'),
    ];
  }
  if (report.state !== 'available') {
    return [
      about,
      '',
      l10n.t(
        'EC2 could not make this report ({0}): {1}.',
        report.state,
        report.stateReason ?? l10n.t('no reason given'),
      ),
    ];
  }
  if (entries.length === 0) {
    return [about, '', l10n.t('No other account uses it.')];
  }
  const accounts = new Set(entries.map((e) => e.accountId)).size;
  const lines = [
    about,
    '',
    accounts === 1
      ? l10n.t('{0} account uses it.', accounts)
      : l10n.t('{0} accounts use it.', accounts),
    '',
    l10n.t('| Account | Resource type | Count |'),
    '| --- | --- | --- |',
  ];
  const sorted = [...entries].sort(
    (a, b) =>
      a.accountId.localeCompare(b.accountId) || a.resourceType.localeCompare(b.resourceType),
  );
  for (const e of sorted) {
    lines.push(
      `| ${cells([e.accountId, resourceTypeLabel(e.resourceType), String(e.usageCount)])} |`,
    );
  }
  return lines;
}

/** `ec2:Instance` → `instances`, `ec2:LaunchTemplate` → `launch templates`. */
export function resourceTypeLabel(type: string): string {
  if (type === 'ec2:Instance') return l10n.t('instances');
  if (type === 'ec2:LaunchTemplate') return l10n.t('launch templates');
  return type;
}

/** `2024-12-05T06:00:00.000Z` → `2024-12-05 06:00 UTC`; anything else as it is. */
export function shortTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return l10n.t('{0} UTC', new Date(time).toISOString().slice(0, 16).replace('T', ' '));
}

/** Text from EC2 inside markdown: no markup, links or HTML of its own. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function cells(values: readonly string[]): string {
  return values.map(md).join(' | ');
}
