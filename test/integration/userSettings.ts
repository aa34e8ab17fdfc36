import * as vscode from 'vscode';

/**
 * Writes `amiExplorer.*` settings to the user settings of the run (never the workspace folder,
 * which lies inside the repository) and returns a function that puts the previous values back.
 */
export async function setSettings(
  values: Readonly<Record<string, unknown>>,
): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('amiExplorer');
  const previous = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue]);
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
  return async () => {
    const current = vscode.workspace.getConfiguration('amiExplorer');
    for (const [key, value] of previous) {
      await current.update(key as string, value, vscode.ConfigurationTarget.Global);
    }
  };
}
