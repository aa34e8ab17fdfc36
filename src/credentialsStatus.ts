import * as vscode from 'vscode';
import type { CredentialsError } from './core/model/errors';

/** The context key the views' welcome content tests. */
export const CREDENTIALS_PROBLEM_KEY = 'amiExplorer:credentialsProblem';

/**
 * Shows a credentials problem once for both views: a context key for the welcome content (with its
 * Select Profile / docs actions) and the exact sentence as the views' message.
 */
export class CredentialsStatus {
  private readonly views: vscode.TreeView<unknown>[] = [];
  private current: CredentialsError | undefined;

  attach(view: vscode.TreeView<unknown>): void {
    this.views.push(view);
    view.message = this.current?.message;
  }

  get problem(): CredentialsError | undefined {
    return this.current;
  }

  async set(error: CredentialsError | undefined): Promise<void> {
    if (this.current?.message === error?.message) return;
    this.current = error;
    for (const view of this.views) view.message = error?.message;
    await vscode.commands.executeCommand(
      'setContext',
      CREDENTIALS_PROBLEM_KEY,
      error?.problem ?? false,
    );
  }
}
