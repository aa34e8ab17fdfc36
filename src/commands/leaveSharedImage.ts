import { amiDisplayName } from '../core/model/ami';
import { InputError, outcomeUnknown } from '../core/model/errors';
import { leaveRefusal } from '../core/model/leaveShared';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Remove from My Account');

/**
 * `amiExplorer.image.leaveShared`: CancelImageLaunchPermission on an AMI another account shared
 * with this one, confirmed first; then EC2 is read again: an AMI no longer visible is published
 * `gone` (the tree drops it); one still visible (shared with the organization or an OU as well)
 * is said to be so.
 */
export async function leaveSharedImage(deps: CommandDeps, clicked?: unknown): Promise<void> {
  const [target] = await imageTargets(deps, clicked, undefined, { title: TITLE, many: false });
  if (target === undefined) return;
  const { ami } = target;
  const why = leaveRefusal(target);
  if (why !== undefined) throw new InputError(`${TITLE}: ${ami.imageId} — ${why}.`);
  const owner = ami.ownerAlias ?? ami.ownerId ?? l10n.t('its owner');
  await deps.ui.confirm(
    l10n.t(
      'Remove {0} ({1}) from your account in {2}?',
      amiDisplayName(ami),
      ami.imageId,
      ami.region,
    ),
    l10n.t(
      'Your account will no longer be able to see it or launch instances from it. Instances already ',
    ) +
      l10n.t(
        'launched from it keep running. The AMI itself stays with its owner ({0}), who can share ',
        owner,
      ) +
      l10n.t('it with you again.'),
    l10n.t('Remove'),
  );
  const stillVisible = await withProgress(
    l10n.t('Removing {0} from your account…', ami.imageId),
    async (signal) => {
      try {
        await deps.ec2.images.leaveShared(ami.region, ami.imageId, signal);
      } catch (error) {
        // A lost answer may still have been applied: what EC2 shows now decides.
        if (!outcomeUnknown(error)) throw error;
        deps.log.warn(`${TITLE}: outcome of ${ami.imageId} unknown, reading it again.`);
        const [seen] = await deps.ec2.images.findById(ami.region, [ami.imageId]);
        if (seen !== undefined) throw error;
        return undefined;
      }
      const [seen] = await deps.ec2.images.findById(ami.region, [ami.imageId]);
      return seen;
    },
  );
  if (stillVisible === undefined) {
    deps.events.publish({ kind: 'gone', region: ami.region, imageId: ami.imageId });
    void deps.ui.notify(
      'info',
      l10n.t('{0} was removed from your account in {1}.', ami.imageId, ami.region),
    );
    return;
  }
  deps.events.publish({ kind: 'changed', image: stillVisible });
  void deps.ui.notify(
    'warning',
    l10n.t(
      "Your account was removed from {0}'s launch permissions, but you can still see it: it is also shared with your organization or an organizational unit.",
      ami.imageId,
    ),
  );
}
