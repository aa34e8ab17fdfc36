import type { LaunchPermission, Tag } from './ami';
import { copyableTags } from './imageCreation';
import type { RegisterImageRequest, RegisterMapping } from './imageRegistration';
import { normalizeManifestPath, validateManifestPath } from './imageInputs';
import type { ReportItem } from './operationReport';
import * as l10n from '@vscode/l10n';

/**
 * Everything about an instance store-backed AMI's registration that deregistering would lose and
 * registering again must restore. Written to the log before anything changes.
 */
export interface CapturedRegistration {
  region: string;
  imageId: string;
  /** `bucket/path/image.manifest.xml` (ImageLocation). */
  manifestPath: string;
  name: string;
  description?: string;
  architecture?: string;
  virtualizationType?: string;
  rootDeviceName?: string;
  kernelId?: string;
  ramdiskId?: string;
  bootMode?: string;
  enaSupport?: boolean;
  sriovNetSupport?: string;
  /** Ephemeral (instance-store) and NoDevice mappings; EBS ones cannot be part of an S3 image. */
  blockDeviceMappings: RegisterMapping[];
  launchPermissions: LaunchPermission[];
  tags: Tag[];
}

/**
 * An image's registration as its DescribeImages record gives it, with its backing; the launch
 * permissions come from another call.
 */
export type DescribedRegistration = Omit<CapturedRegistration, 'launchPermissions'> & {
  rootDeviceType: string;
};

/** One step of a re-registration, in the order they run. */
export type ReregisterStep =
  | { kind: 'deregister'; imageId: string }
  | { kind: 'register'; request: RegisterImageRequest }
  | { kind: 'restorePermissions'; permissions: LaunchPermission[] }
  | { kind: 'restoreTags'; tags: Tag[] };

/** What the user may change when re-registering: the manifest (an updated bundle). */
export interface ReregisterOptions {
  manifestPath?: string;
}

/**
 * The ordered steps that replace a registration: deregister first (the name must be free),
 * register with the same attributes (and maybe a new manifest), then launch permissions and tags
 * on the new image. Steps with nothing to do are left out.
 */
export function planReregister(
  captured: CapturedRegistration,
  options: ReregisterOptions = {},
): ReregisterStep[] | { error: string } {
  const manifest =
    options.manifestPath !== undefined && options.manifestPath.trim().length > 0
      ? options.manifestPath
      : captured.manifestPath;
  const problem = validateManifestPath(manifest);
  if (problem) return { error: problem };
  const request: RegisterImageRequest = {
    name: captured.name,
    imageLocation: normalizeManifestPath(manifest),
    blockDeviceMappings: captured.blockDeviceMappings,
    ...optional('description', captured.description),
    ...optional('architecture', captured.architecture),
    ...optional('virtualizationType', captured.virtualizationType),
    ...optional('rootDeviceName', captured.rootDeviceName),
    ...optional('kernelId', captured.kernelId),
    ...optional('ramdiskId', captured.ramdiskId),
    ...optional('bootMode', captured.bootMode),
    ...optional('enaSupport', captured.enaSupport),
    ...optional('sriovNetSupport', captured.sriovNetSupport),
  };
  const steps: ReregisterStep[] = [
    { kind: 'deregister', imageId: captured.imageId },
    { kind: 'register', request },
  ];
  if (captured.launchPermissions.length > 0) {
    steps.push({ kind: 'restorePermissions', permissions: captured.launchPermissions });
  }
  // EC2 refuses to set aws: tags; they belong to the services that set them.
  const tags = copyableTags(captured.tags);
  if (tags.length > 0) steps.push({ kind: 'restoreTags', tags });
  return steps;
}

/** How far a re-registration got. */
export interface ReregisterProgress {
  /** Steps that succeeded, in order. */
  done: ReregisterStep[];
  /**
   * The step that failed and why (the run stops there). `unknown`: its outcome could not be
   * established (answer lost or cancelled while under way, and a re-read did not settle it); the
   * message says what is known.
   */
  failed?: { step: ReregisterStep; message: string; unknown?: boolean };
  /** The new image's id, once registered. */
  newImageId?: string;
}

/** A launch permission as one readable word: an account id, "everyone", an organization or OU ARN. */
export function describePermission(p: LaunchPermission): string {
  if (p.group === 'all') return l10n.t('everyone (public)');
  return p.userId ?? p.organizationArn ?? p.organizationalUnitArn ?? 'unknown';
}

/** What one step does, in a sentence, for the confirmation and the report. */
export function describeStep(step: ReregisterStep, captured: CapturedRegistration): string {
  switch (step.kind) {
    case 'deregister':
      return l10n.t(
        'Deregister {0} ({1}); the bundle in S3 is not touched.',
        step.imageId,
        captured.name,
      );
    case 'register':
      return l10n.t(
        'Register {0} again as "{1}".',
        step.request.imageLocation ?? '',
        step.request.name,
      );
    case 'restorePermissions':
      return l10n.t(
        'Share the new image again with {0}.',
        step.permissions.map(describePermission).join(', '),
      );
    case 'restoreTags':
      return l10n.t(
        'Tag the new image again: {0}.',
        step.tags.map((t) => `${t.key}=${t.value}`).join(', '),
      );
  }
}

/** The registration as JSON for the log, so nothing is lost whatever happens. */
export function formatCapturedRegistration(captured: CapturedRegistration): string {
  return JSON.stringify(captured, undefined, 2);
}

/**
 * One sentence saying exactly what state things are in after a run that stopped at a failure, or
 * `undefined` when every step succeeded.
 */
export function describeFailureState(
  captured: CapturedRegistration,
  steps: readonly ReregisterStep[],
  progress: ReregisterProgress,
): string | undefined {
  const { failed } = progress;
  if (!failed) return undefined;
  const old = captured.imageId;
  const pendingAfter = steps.slice(steps.indexOf(failed.step) + 1);
  switch (failed.step.kind) {
    case 'deregister':
      return failed.unknown
        ? l10n.t(
            'It is not known whether {0} was deregistered: {1} Nothing else was done; refresh and check it before re-registering again.',
            old,
            failed.message,
          )
        : l10n.t(
            'Nothing changed: {0} is still registered. Deregistering failed: {1}',
            old,
            failed.message,
          );
    case 'register':
      return (
        l10n.t(
          '{0} was deregistered; {1}{2} ',
          old,
          failed.unknown ? '' : l10n.t('registering failed: '),
          failed.message,
        ) +
        l10n.t(
          'The old registration was: manifest {0}, name "{1}"',
          captured.manifestPath,
          captured.name,
        ) +
        `${captured.architecture ? `, ${captured.architecture}` : ''}` +
        `${captured.virtualizationType ? `, ${captured.virtualizationType}` : ''}` +
        `${captured.kernelId ? l10n.t(', kernel {0}', captured.kernelId) : ''}` +
        `${captured.ramdiskId ? l10n.t(', RAM disk {0}', captured.ramdiskId) : ''}` +
        `${captured.launchPermissions.length > 0 ? l10n.t(', shared with {0}', captured.launchPermissions.map(describePermission).join(', ')) : ''}` +
        l10n.t(
          ' (the full record is in the log). Register the manifest again with Register Image….',
        )
      );
    case 'restorePermissions':
    case 'restoreTags': {
      const what =
        failed.step.kind === 'restorePermissions'
          ? l10n.t('its launch permissions')
          : l10n.t('its tags');
      const todo = [failed.step, ...pendingAfter].map((s) => describeStep(s, captured)).join(' ');
      return (
        l10n.t(
          '{0} replaced {1} (now deregistered), but {2} ',
          progress.newImageId ?? l10n.t('The new image'),
          old,
          what,
        ) + l10n.t('were not restored: {0} Still to do by hand: {1}', failed.message, todo)
      );
    }
  }
}

/** The run as report items: one per step, succeeded / failed / skipped (not reached). */
export function reregisterReportItems(
  captured: CapturedRegistration,
  steps: readonly ReregisterStep[],
  progress: ReregisterProgress,
): ReportItem[] {
  return steps.map((step) => {
    const subject = describeStep(step, captured);
    if (progress.done.includes(step)) {
      return {
        subject,
        outcome: 'succeeded' as const,
        ...(step.kind === 'register' && progress.newImageId ? { detail: progress.newImageId } : {}),
      };
    }
    if (progress.failed?.step === step) {
      return {
        subject,
        outcome: progress.failed.unknown ? ('unknown' as const) : ('failed' as const),
        detail: progress.failed.message,
      };
    }
    return {
      subject,
      outcome: 'skipped' as const,
      detail: l10n.t('not run: an earlier step failed'),
    };
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
