import * as vscode from 'vscode';
import { AwsApiError, CredentialsError, InputError, isCancellation } from '../core/model/errors';
import { logError } from '../log';

/** A command handler: (clicked node, selection, optional pre-filled input) → its result. */
export type Handler = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps a command handler: logs the full error, shows one friendly message with a "Show Log" action,
 * stays silent on cancel. Every command goes through here. The handler's result is passed through
 * (what `executeCommand` resolves to); after an error or a cancel it is `undefined`.
 */
export function runCommand<A extends unknown[], R>(
  id: string,
  log: vscode.LogOutputChannel,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      logError(log, `Command ${id}`, error);
      await showError(error, log);
      return undefined;
    }
  };
}

async function showError(error: unknown, log: vscode.LogOutputChannel): Promise<void> {
  if (error instanceof InputError) {
    await vscode.window.showWarningMessage(error.message);
    return;
  }
  if (error instanceof CredentialsError) {
    const choice = await vscode.window.showErrorMessage(
      error.message,
      'Select Profile',
      'Show Log',
    );
    if (choice === 'Select Profile')
      await vscode.commands.executeCommand('amiExplorer.profile.select');
    else if (choice === 'Show Log') log.show(true);
    return;
  }
  const message =
    error instanceof AwsApiError
      ? error.message
      : `AMI Explorer: unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  if ((await vscode.window.showErrorMessage(message, 'Show Log')) === 'Show Log') log.show(true);
}

/** Runs long work under a progress notification whose Cancel button aborts the signal. */
export function withProgress<T>(
  title: string,
  task: (
    signal: AbortSignal,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
  ) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, progress);
      } finally {
        subscription.dispose();
      }
    },
  );
}
