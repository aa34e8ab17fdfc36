import * as vscode from 'vscode';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';

/** Opens an `ami:` JSON document next to the panel, so the panel stays visible. */
export async function openResourceDocument(
  documents: ResourceDocumentProvider,
  target: { region: string; resourceId: string; label?: string },
): Promise<void> {
  const uri = await documents.load(target);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });
}
