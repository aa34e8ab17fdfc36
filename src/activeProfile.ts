import * as vscode from 'vscode';
import type { CredentialsError } from './core/model/errors';
import * as l10n from '@vscode/l10n';

const STATE_KEY = 'amiExplorer.activeProfile';

/**
 * The AWS profile the extension uses, remembered per workspace. `undefined` means the SDK's default
 * credential chain (environment, AWS_PROFILE, the default profile, SSO, instance metadata).
 */
export class ActiveProfile implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get current(): string | undefined {
    const value = this.state.get<string>(STATE_KEY);
    return value && value.length > 0 ? value : undefined;
  }

  async set(profile: string | undefined): Promise<void> {
    if (profile === this.current) return;
    await this.state.update(STATE_KEY, profile);
    this.changed.fire(profile);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The status-bar item showing the active profile (and endpoint override); click to switch. */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'amiExplorer.profile',
    vscode.StatusBarAlignment.Left,
    50,
  );

  constructor() {
    this.item.name = l10n.t('AMI Explorer: AWS Profile');
    this.item.command = 'amiExplorer.profile.select';
  }

  update(
    profile: string | undefined,
    endpointUrl: string | undefined,
    problem: CredentialsError | undefined,
  ): void {
    const who = profile ?? l10n.t('default chain');
    this.item.text = l10n.t(
      '{0} AWS: {1}{2}',
      problem ? '$(warning)' : '$(cloud)',
      who,
      endpointUrl ? ' $(plug)' : '',
    );
    this.item.backgroundColor = problem
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    const tooltip = new vscode.MarkdownString(
      l10n.t(
        '**AMI Explorer** uses {0}.',
        profile ? l10n.t('the profile `{0}`', profile) : l10n.t('the default credential chain'),
      ),
    );
    if (problem) tooltip.appendMarkdown('\n\n**Problem:** ').appendText(problem.message);
    if (endpointUrl) tooltip.appendMarkdown(l10n.t('\n\nEndpoint override: `{0}`', endpointUrl));
    tooltip.appendMarkdown(l10n.t('\n\nClick to switch profile.'));
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
