import * as vscode from 'vscode';
import { CancelledError } from '../core/model/errors';
import { validateAmiId, validateRegionName } from '../core/model/validation';
import type { RegionSource } from '../tree/regionSource';

/**
 * Asks for a region: the listed regions first; typing a name that is not listed offers it too
 * (validated). Throws CancelledError on Escape.
 */
export async function pickRegion(regions: RegionSource, title: string): Promise<string> {
  let listed: string[] = [];
  try {
    listed = (await regions.get()).regions;
  } catch {
    // Without a list (e.g. no credentials yet) the user can still type a region.
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = title;
  pick.placeholder = 'Region, e.g. us-east-1';
  const base = listed.map((r) => ({ label: r }));
  pick.items = base;
  return new Promise<string>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [pick];
    // Disposing the pick hides it, and onDidHide would reject before the accepted value resolves:
    // the first outcome wins.
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      settle();
      for (const d of disposables) d.dispose();
    };
    disposables.push(
      pick.onDidChangeValue((value) => {
        const typed = value.trim();
        const extra =
          typed.length > 0 && !listed.includes(typed) && validateRegionName(typed) === undefined
            ? [{ label: typed, description: 'not in the list' }]
            : [];
        pick.items = [...extra, ...base];
      }),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0]?.label ?? pick.value.trim();
        const problem = validateRegionName(chosen);
        if (problem) {
          pick.title = `${title}: ${problem}`;
          return;
        }
        finish(() => resolve(chosen));
      }),
      pick.onDidHide(() => finish(() => reject(new CancelledError()))),
    );
    pick.show();
  });
}

/** Asks for an AMI id, validated as it is typed. Throws CancelledError on Escape. */
export async function inputAmiId(region: string): Promise<string> {
  const value = await vscode.window.showInputBox({
    title: `Open AMI JSON (${region})`,
    prompt: 'AMI id',
    placeHolder: 'ami-0abcdef1234567890',
    ignoreFocusOut: true,
    validateInput: (v) => validateAmiId(v),
  });
  if (value === undefined) throw new CancelledError();
  return value.trim();
}
