// Imported first by extension.ts, so it runs before any other module of the bundle: code in
// src/core cannot import vscode, so all of our code (core, commands, tree, webview hosts) calls the
// one t() of @vscode/l10n, which reads the bundle VS Code loaded for the display language.
// Messages made when a module loads (tables of labels) are then already translated.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';

/** The translated messages for VS Code's display language; `undefined` for English. */
export const l10nBundle: Record<string, string> | undefined = vscode.l10n.bundle;

if (l10nBundle) l10n.config({ contents: l10nBundle });
