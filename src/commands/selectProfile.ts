import * as vscode from 'vscode';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const KIND_LABELS: Record<string, string> = {
  sso: 'SSO',
  process: 'credential_process',
  role: 'assume role',
  static: l10n.t('access key'),
  'web-identity': l10n.t('web identity'),
  other: '',
};

const CONFIGURE_DOCS = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html';

/** `amiExplorer.profile.select`: the default chain or a named profile from the shared files. */
export async function selectProfile(deps: CommandDeps): Promise<void> {
  const profiles = await deps.profiles.listProfiles();
  const current = deps.activeProfile.current;
  type Item = vscode.QuickPickItem & { profile?: string; docs?: true };
  const items: Item[] = [
    {
      label: l10n.t('{0}Default credential chain', current === undefined ? '$(check) ' : ''),
      detail: l10n.t(
        'Environment variables, AWS_PROFILE, the default profile, SSO, process, instance metadata',
      ),
    },
    ...profiles.map((p) => ({
      label: `${current === p.name ? '$(check) ' : ''}${p.name}`,
      description: [KIND_LABELS[p.kind], p.region].filter((v) => v).join(' · '),
      detail: l10n.t(
        'Defined in {0}',
        p.sources
          .map((s) => (s === 'config' ? '~/.aws/config' : '~/.aws/credentials'))
          .join(' and '),
      ),
      profile: p.name,
    })),
  ];
  if (profiles.length === 0) {
    items.push({
      label: l10n.t('$(link-external) How to configure AWS credentials'),
      detail: l10n.t('No profiles were found in ~/.aws/config or ~/.aws/credentials'),
      docs: true,
    });
  }
  const picked = await deps.ui.pick({
    title: l10n.t('AMI Explorer: AWS profile'),
    placeholder: l10n.t('Currently: {0}', current ?? l10n.t('default credential chain')),
    items,
    matchOnDescription: true,
  });
  if (picked.docs) {
    await vscode.env.openExternal(vscode.Uri.parse(CONFIGURE_DOCS));
    return;
  }
  await deps.activeProfile.set(picked.profile);
}
