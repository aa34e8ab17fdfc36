import * as vscode from 'vscode';
import { CredentialsError, InputError, isCancellation } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import { logError } from '../log';
import type { Ask } from '../ui/userInput';
import * as l10n from '@vscode/l10n';

/**
 * Wraps a command handler: logs the full error, shows one sentence with a "Show Log" action, stays
 * silent on cancel. Every command goes through here. The handler's result is passed through (what
 * `executeCommand` resolves to); after an error or a cancel it is `undefined`.
 */
export function runCommand<A extends unknown[], R>(
  id: string,
  deps: { ui: Ask; log: vscode.LogOutputChannel },
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      logError(deps.log, `Command ${id}`, error);
      // Not awaited: the command is over; the message stays until the user dismisses it.
      void showError(error, deps);
      return undefined;
    }
  };
}

async function showError(
  error: unknown,
  deps: { ui: Ask; log: vscode.LogOutputChannel },
): Promise<void> {
  const message = errorSentence(error);
  if (error instanceof InputError) {
    await deps.ui.notify('warning', message);
    return;
  }
  if (error instanceof CredentialsError) {
    const choice = await deps.ui.notify(
      'error',
      message,
      l10n.t('Select Profile'),
      l10n.t('Show Log'),
    );
    if (choice === l10n.t('Select Profile'))
      await vscode.commands.executeCommand('amiExplorer.profile.select');
    else if (choice === l10n.t('Show Log')) deps.log.show(true);
    return;
  }
  if ((await deps.ui.notify('error', message, l10n.t('Show Log'))) === l10n.t('Show Log'))
    deps.log.show(true);
}
