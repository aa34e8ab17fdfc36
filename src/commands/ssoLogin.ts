import * as vscode from 'vscode';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** Quotes a profile name for a POSIX or PowerShell command line when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9._@+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

/**
 * `amiExplorer.credentials.ssoLogin`: runs `aws sso login [--profile X]` in a terminal. With shell
 * integration, the views refresh by themselves once the login succeeds.
 */
export async function ssoLogin(deps: CommandDeps): Promise<void> {
  const profile = deps.activeProfile.current;
  const command = profile ? `aws sso login --profile ${shellQuote(profile)}` : 'aws sso login';
  const terminal = vscode.window.createTerminal({ name: l10n.t('AWS SSO sign-in') });
  terminal.show();
  const integration = await shellIntegrationOf(terminal, 3000);
  if (!integration) {
    terminal.sendText(command);
    void deps.ui.notify(
      'info',
      l10n.t('Finish signing in in the terminal, then refresh the AMI Explorer views.'),
    );
    return;
  }
  const execution = integration.executeCommand(command);
  const ended = vscode.window.onDidEndTerminalShellExecution((event) => {
    if (event.execution !== execution) return;
    ended.dispose();
    if (event.exitCode === 0) {
      deps.log.info('AWS SSO sign-in finished; reloading the views.');
      deps.refreshAll();
    }
  });
}

function shellIntegrationOf(
  terminal: vscode.Terminal,
  timeoutMs: number,
): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(undefined);
    }, timeoutMs);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
      if (event.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(event.shellIntegration);
    });
  });
}
