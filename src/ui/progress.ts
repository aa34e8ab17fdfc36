import * as vscode from 'vscode';

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
