import * as vscode from 'vscode';
import type { Answer, MessageRequest, PickRequest, TextRequest, UserInput } from './userInput';
import { shownTitle } from './userInput';
import * as l10n from '@vscode/l10n';

/**
 * The user-input layer on VS Code's quick input and message APIs. Prompts stay open when focus
 * moves elsewhere (a click in the editor must not lose a half-filled wizard); Escape cancels.
 */
export class VsCodeUserInput implements UserInput {
  pick<T extends vscode.QuickPickItem>(request: PickRequest<T>): Promise<Answer<T[]>> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = shownTitle(request);
    pick.placeholder = request.placeholder;
    pick.canSelectMany = request.canPickMany ?? false;
    pick.matchOnDescription = request.matchOnDescription ?? false;
    pick.matchOnDetail = request.matchOnDetail ?? false;
    pick.ignoreFocusOut = true;
    pick.buttons = request.wizard?.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    let listed: readonly T[] = [];
    let typed: T | undefined;
    const showItems = (): void => {
      const value = pick.value.trim();
      typed = value.length > 0 ? request.typedItem?.(value) : undefined;
      const duplicate = typed !== undefined && listed.some((i) => i.label === typed?.label);
      pick.items = typed && !duplicate ? [typed, ...listed] : listed;
    };
    const setItems = (items: readonly T[]): void => {
      listed = items;
      showItems();
      if (request.active) {
        if (pick.canSelectMany) pick.selectedItems = request.active;
        else pick.activeItems = request.active;
      }
    };
    return new Promise<Answer<T[]>>((resolve) => {
      let settled = false;
      // Settle before disposing: disposing a visible pick fires onDidHide, which would otherwise
      // win as "cancelled".
      const settle = (answer: Answer<T[]>): void => {
        if (settled) return;
        settled = true;
        resolve(answer);
        for (const d of disposables) d.dispose();
        pick.dispose();
      };
      const disposables: vscode.Disposable[] = [
        pick.onDidChangeValue(() => {
          if (request.typedItem) showItems();
        }),
        pick.onDidAccept(() => {
          const chosen = pick.canSelectMany ? [...pick.selectedItems] : [...pick.activeItems];
          if (chosen.length === 0 && !pick.canSelectMany && typed) chosen.push(typed);
          if (chosen.length === 0 && (!pick.canSelectMany || request.requireSelection)) {
            if (request.requireSelection) pick.placeholder = request.requireSelection;
            return;
          }
          settle({ kind: 'value', value: chosen });
        }),
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle({ kind: 'back' });
        }),
        pick.onDidHide(() => settle({ kind: 'cancel' })),
      ];
      if (Array.isArray(request.items)) {
        setItems(request.items as readonly T[]);
      } else {
        pick.busy = true;
        (request.items as Promise<readonly T[]>).then(
          (items) => {
            if (settled) return;
            pick.busy = false;
            setItems(items);
          },
          (error: unknown) => {
            if (settled) return;
            pick.busy = false;
            pick.placeholder = request.loadFailed?.(error) ?? l10n.t('Could not load the list.');
            showItems();
          },
        );
      }
      pick.show();
    });
  }

  text(request: TextRequest): Promise<Answer<string>> {
    const box = vscode.window.createInputBox();
    box.title = shownTitle(request);
    box.prompt = request.prompt;
    box.value = request.value ?? '';
    box.placeholder = request.placeholder;
    box.password = request.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = request.wizard?.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const validate = request.validate ?? (() => undefined);
    return new Promise<Answer<string>>((resolve) => {
      let settled = false;
      const settle = (answer: Answer<string>): void => {
        if (settled) return;
        settled = true;
        resolve(answer);
        for (const d of disposables) d.dispose();
        box.dispose();
      };
      const check = async (value: string): Promise<string | undefined> => {
        const message = await validate(value);
        // A slow check of an older value must not overwrite the message of the newer one.
        if (box.value === value) box.validationMessage = message;
        return message;
      };
      const disposables: vscode.Disposable[] = [
        box.onDidChangeValue((value) => void check(value)),
        box.onDidAccept(async () => {
          const value = box.value;
          box.busy = true;
          box.enabled = false;
          const message = await check(value);
          box.busy = false;
          box.enabled = true;
          if (message === undefined) settle({ kind: 'value', value: value.trim() });
        }),
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle({ kind: 'back' });
        }),
        box.onDidHide(() => settle({ kind: 'cancel' })),
      ];
      void check(box.value);
      box.show();
    });
  }

  async message(request: MessageRequest): Promise<string | undefined> {
    const show =
      request.severity === 'error'
        ? vscode.window.showErrorMessage
        : request.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const options: vscode.MessageOptions = request.modal
      ? { modal: true, ...(request.detail !== undefined ? { detail: request.detail } : {}) }
      : {};
    return show(request.message, options, ...request.actions);
  }
}
