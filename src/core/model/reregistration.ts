import type { LaunchPermission, Tag } from './ami';
import { copyableTags } from './imageCreation';
import type { RegisterImageRequest, RegisterMapping } from './imageRegistration';
import { normalizeManifestPath, validateManifestPath } from './imageInputs';
import type { ReportItem } from './operationReport';

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
  if (p.group === 'all') return 'everyone (public)';
  return p.userId ?? p.organizationArn ?? p.organizationalUnitArn ?? 'unknown';
}

/** What one step does, in a sentence, for the confirmation and the report. */
export function describeStep(step: ReregisterStep, captured: CapturedRegistration): string {
  switch (step.kind) {
    case 'deregister':
      return `Deregister ${step.imageId} (${captured.name}); the bundle in S3 is not touched.`;
    case 'register':
      return `Register ${step.request.imageLocation ?? ''} again as "${step.request.name}".`;
    case 'restorePermissions':
      return `Share the new image again with ${step.permissions.map(describePermission).join(', ')}.`;
    case 'restoreTags':
      return `Tag the new image again: ${step.tags.map((t) => `${t.key}=${t.value}`).join(', ')}.`;
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
        ? `It is not known whether ${old} was deregistered: ${failed.message} Nothing else was done; refresh and check it before re-registering again.`
        : `Nothing changed: ${old} is still registered. Deregistering failed: ${failed.message}`;
    case 'register':
      return (
        `${old} was deregistered; ${failed.unknown ? '' : 'registering failed: '}${failed.message} ` +
        `The old registration was: manifest ${captured.manifestPath}, name "${captured.name}"` +
        `${captured.architecture ? `, ${captured.architecture}` : ''}` +
        `${captured.virtualizationType ? `, ${captured.virtualizationType}` : ''}` +
        `${captured.kernelId ? `, kernel ${captured.kernelId}` : ''}` +
        `${captured.ramdiskId ? `, RAM disk ${captured.ramdiskId}` : ''}` +
        `${captured.launchPermissions.length > 0 ? `, shared with ${captured.launchPermissions.map(describePermission).join(', ')}` : ''}` +
        ` (the full record is in the log). Register the manifest again with Register Image….`
      );
    case 'restorePermissions':
    case 'restoreTags': {
      const what =
        failed.step.kind === 'restorePermissions' ? 'its launch permissions' : 'its tags';
      const todo = [failed.step, ...pendingAfter].map((s) => describeStep(s, captured)).join(' ');
      return (
        `${progress.newImageId ?? 'The new image'} replaced ${old} (now deregistered), but ${what} ` +
        `were not restored: ${failed.message} Still to do by hand: ${todo}`
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
    return { subject, outcome: 'skipped' as const, detail: 'not run: an earlier step failed' };
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
