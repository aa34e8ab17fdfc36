import * as vscode from 'vscode';
import type { CredentialsError } from './core/model/errors';

/**
 * The context key the views' welcome content tests; its value is the problem
 * (`missing`, `sso-expired`, `profile-not-found`, `invalid`) or false.
 */
export const CREDENTIALS_PROBLEM_KEY = 'amiExplorer:credentialsProblem';

/** Receives the current problem (the status bar shows it). */
export type CredentialsProblemListener = (error: CredentialsError | undefined) => void;

/**
 * Shows a credentials problem once for both views through the context key, so that the welcome
 * content for that problem (with its Select Profile / SSO sign-in / docs actions) appears. The views'
 * `message` stays empty: VS Code hides welcome content while a tree view has a message.
 */
export class CredentialsStatus {
  private current: CredentialsError | undefined;
  private readonly listeners: CredentialsProblemListener[] = [];

  get problem(): CredentialsError | undefined {
    return this.current;
  }

  onDidChange(listener: CredentialsProblemListener): void {
    this.listeners.push(listener);
  }

  async set(error: CredentialsError | undefined): Promise<void> {
    if (this.current?.message === error?.message) return;
    this.current = error;
    for (const listener of this.listeners) listener(error);
    await vscode.commands.executeCommand(
      'setContext',
      CREDENTIALS_PROBLEM_KEY,
      error?.problem ?? false,
    );
  }
}
