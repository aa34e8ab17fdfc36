import { createHash } from 'node:crypto';
import type { Ami, BackingType } from './ami';
import { amiDisplayName } from './ami';
import { InputError } from './errors';
import type { OperationReport, ReportItem } from './operationReport';
import { parseKmsKey, validateAmiName, validateDescription, validateKmsKey } from './imageInputs';
import { shown } from './inputText';
import { validateRegionName } from './validation';
import * as l10n from '@vscode/l10n';

/** What the copy wizard needs to know about a source image. */
export interface CopySource {
  imageId: string;
  region: string;
  name?: string;
  description?: string;
  rootDeviceType: BackingType;
  /** Whether any EBS volume of the source is encrypted (its copies must then be encrypted). */
  encrypted: boolean;
}

/** The facts of an AMI that decide how it may be copied. */
export function copySourceOf(ami: Ami): CopySource {
  return {
    imageId: ami.imageId,
    region: ami.region,
    ...(ami.name !== undefined ? { name: ami.name } : {}),
    ...(ami.description !== undefined ? { description: ami.description } : {}),
    rootDeviceType: ami.rootDeviceType,
    encrypted: ami.blockDevices.some((d) => d.ebs?.encrypted === true),
  };
}

/** One destination region and the KMS key to encrypt with there (empty: the default EBS key). */
export interface CopyDestination {
  region: string;
  kmsKey?: string;
}

/** Everything the user decided for one copy action. */
export interface CopyInput {
  /** One or several sources (a multi-selection); each is copied to every destination. */
  sources: readonly CopySource[];
  destinations: readonly CopyDestination[];
  /**
   * Name of the copy. Only for a single source; with several sources each copy keeps its source's
   * name (a name cannot be shared by two images of one region).
   */
  name?: string;
  /** Description of the copy; empty sends none. Only for a single source (else each keeps its own). */
  description?: string;
  copyTags: boolean;
  /** Encrypt the copies' volumes. Forced on for an encrypted source. */
  encrypt: boolean;
  /**
   * Identifies this user action (one run of the wizard). Part of every ClientToken, so retrying a
   * request of this action cannot make a second copy, while running Copy again later makes new ones.
   */
  actionId: string;
}

/** The CopyImage request for one destination, exactly as it is sent (SDK field names). */
export interface CopyImageParams {
  SourceImageId: string;
  SourceRegion: string;
  Name: string;
  Description?: string;
  CopyImageTags: boolean;
  Encrypted?: boolean;
  KmsKeyId?: string;
  ClientToken: string;
}

/** One CopyImage call: made with the destination region's client. */
export interface CopyCall {
  /** The destination region: CopyImage is called there. */
  region: string;
  source: CopySource;
  params: CopyImageParams;
}

/** Why encryption is what it is for a source, to say in the wizard. */
export function encryptionNote(source: Pick<CopySource, 'encrypted' | 'rootDeviceType'>): string {
  if (source.rootDeviceType === 'instance-store')
    return l10n.t('Instance store-backed AMIs cannot be encrypted on copy.');
  if (source.encrypted)
    return l10n.t(
      'The source has encrypted volumes: its copies must be encrypted too, with a key of each destination region.',
    );
  return l10n.t(
    'Encrypting on copy uses the default EBS key (alias/aws/ebs) unless you name another key.',
  );
}

/** Whether the copy of this source will be encrypted, whatever was asked. */
export function copyIsEncrypted(source: CopySource, encrypt: boolean): boolean {
  if (source.rootDeviceType === 'instance-store') return false;
  return encrypt || source.encrypted;
}

/**
 * A ClientToken for one CopyImage request (EC2 allows 64 ASCII characters). Deterministic in the
 * action, source, destination and name: the SDK's retries and a "retry" of the same action send
 * the same token, so EC2 returns the first copy instead of making another; a new action gets new
 * tokens.
 */
export function copyClientToken(
  actionId: string,
  source: Pick<CopySource, 'imageId' | 'region'>,
  destinationRegion: string,
  name: string,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([actionId, source.region, source.imageId, destinationRegion, name]))
    .digest('hex');
  return `ami-explorer-copy-${digest.slice(0, 40)}`;
}

/** Problems with a copy input, one sentence each; empty when it can be sent. */
export function validateCopyInput(input: CopyInput): string[] {
  const problems: string[] = [];
  if (input.sources.length === 0) problems.push(l10n.t('Choose an AMI to copy.'));
  if (input.destinations.length === 0)
    problems.push(l10n.t('Choose at least one destination region.'));
  if (input.actionId.trim().length === 0)
    problems.push(l10n.t('Internal: the copy has no action id.'));
  const seen = new Set<string>();
  for (const d of input.destinations) {
    const regionProblem = validateRegionName(d.region);
    if (regionProblem) {
      problems.push(regionProblem);
      continue;
    }
    if (seen.has(d.region)) problems.push(l10n.t('{0} is listed twice.', d.region));
    seen.add(d.region);
  }
  const single = input.sources.length === 1;
  if (single) {
    const nameProblem = validateAmiName(input.name ?? '');
    if (nameProblem) problems.push(nameProblem);
    const descriptionProblem = validateDescription(input.description ?? '');
    if (descriptionProblem) problems.push(descriptionProblem);
  }
  for (const source of input.sources) {
    const name = copyName(input, source);
    if (!single && validateAmiName(name)) {
      problems.push(
        l10n.t(
          '{0} has no usable name to give its copies; copy it on its own and name the copy.',
          source.imageId,
        ),
      );
    }
    for (const d of input.destinations) {
      if (d.region === source.region && name === source.name) {
        problems.push(
          l10n.t(
            'A copy of {0} in its own region {1} needs a different name (AMI names are unique per region).',
            amiDisplayName(source),
            d.region,
          ),
        );
      }
    }
  }
  const encrypting = input.sources.some((s) => copyIsEncrypted(s, input.encrypt));
  for (const d of input.destinations) {
    const key = d.kmsKey?.trim() ?? '';
    if (key.length === 0) continue;
    if (!encrypting) {
      problems.push(
        l10n.t('A KMS key for {0} only applies when the copy is encrypted.', shown(d.region)),
      );
      continue;
    }
    const keyProblem = validateKmsKey(key, d.region);
    if (keyProblem) problems.push(`${shown(d.region)}: ${keyProblem}`);
  }
  if (input.encrypt && input.sources.every((s) => s.rootDeviceType === 'instance-store')) {
    problems.push(l10n.t('Instance store-backed AMIs cannot be encrypted on copy.'));
  }
  return problems;
}

/**
 * The CopyImage calls an input produces: one per source and destination, in the destination
 * region, with a ClientToken. Throws InputError (nothing is sent) when the input is not valid.
 */
export function planCopy(input: CopyInput): CopyCall[] {
  const problems = validateCopyInput(input);
  if (problems.length > 0) throw new InputError(problems.join(' '));
  return input.sources.flatMap((source) =>
    input.destinations.map((d) => {
      const name = copyName(input, source);
      const description =
        input.sources.length === 1 ? (input.description ?? '') : (source.description ?? '');
      const encrypted = copyIsEncrypted(source, input.encrypt);
      const key = kmsKeyParam(d.kmsKey);
      const params: CopyImageParams = {
        SourceImageId: source.imageId,
        SourceRegion: source.region,
        Name: name,
        ...(description.trim().length > 0 ? { Description: description.trim() } : {}),
        CopyImageTags: input.copyTags,
        ...(encrypted ? { Encrypted: true } : {}),
        ...(encrypted && key !== undefined ? { KmsKeyId: key } : {}),
        ClientToken: copyClientToken(input.actionId, source, d.region, name),
      };
      return { region: d.region, source, params };
    }),
  );
}

function copyName(input: CopyInput, source: CopySource): string {
  return (input.sources.length === 1 ? (input.name ?? '') : (source.name ?? '')).trim();
}

/** The KmsKeyId to send: none for the default EBS key (EC2 then uses the destination's own). */
function kmsKeyParam(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  const parsed = parseKmsKey(input);
  if ('error' in parsed || parsed.kind === 'default') return undefined;
  return parsed.value;
}

/** How one CopyImage call ended. */
export type CopyResult =
  | {
      call: CopyCall;
      imageId: string;
      /** Set when the outcome was unknown and a re-read found the copy: why it was unknown. */
      confirmedByRereading?: string;
    }
  /** EC2 refused it; `cancelled`: cancelled before it was sent. */
  | { call: CopyCall; error: string; cancelled?: boolean }
  /** Neither EC2's answer nor a re-read established whether the copy started: what is known. */
  | { call: CopyCall; unknown: string };

/**
 * The per-destination report of a copy action: one failing region does not hide the others, and
 * every planned copy has a line, also after Cancel.
 */
export function copyReport(results: readonly CopyResult[]): OperationReport {
  const items: ReportItem[] = results.map((r) => {
    const subject = `${amiDisplayName(r.call.source)} (${r.call.source.imageId}) → ${r.call.region}`;
    if ('imageId' in r) {
      const how = r.call.params.Encrypted
        ? l10n.t(', encrypted with {0}', r.call.params.KmsKeyId ?? l10n.t('the default EBS key'))
        : '';
      const confirmed = r.confirmedByRereading
        ? l10n.t('; confirmed by re-reading: {0}', r.confirmedByRereading)
        : '';
      return {
        subject,
        outcome: 'succeeded',
        detail: l10n.t(
          'copying as {0} "{1}"{2} (pending{3})',
          r.imageId,
          r.call.params.Name,
          how,
          confirmed,
        ),
      };
    }
    if ('unknown' in r)
      return { subject, outcome: 'unknown', detail: l10n.t('unknown: {0}', r.unknown) };
    return r.cancelled
      ? {
          subject,
          outcome: 'skipped',
          detail: l10n.t('not started: cancelled before its request was sent'),
        }
      : { subject, outcome: 'failed', detail: r.error };
  });
  const regions = new Set(results.map((r) => r.call.region)).size;
  const sources = new Set(results.map((r) => r.call.source.imageId)).size;
  return {
    title:
      regions === 1
        ? l10n.t(
            'Copy {0} to {1} region',
            sources === 1 ? l10n.t('AMI') : l10n.t('{0} AMIs', sources),
            regions,
          )
        : l10n.t(
            'Copy {0} to {1} regions',
            sources === 1 ? l10n.t('AMI') : l10n.t('{0} AMIs', sources),
            regions,
          ),
    items,
  };
}
