import * as vscode from 'vscode';
import { CancelledError } from '../core/model/errors';

/** One step of a multi-step input: asks something, writes it into `state`, returns the next step. */
export type InputStep<S> = (input: MultiStepInput, state: S) => Promise<InputStep<S> | undefined>;

/** Thrown inside a step when the user presses the Back button. */
class BackRequested extends Error {}

/** Options of a quick-pick step. */
export interface PickOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  /** Items to show as active (single) or selected (many). */
  active?: readonly T[];
  canPickMany?: boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** A message shown when accepting an empty multi-selection is not allowed. */
  requireSelection?: string;
}

/** Options of a text step. */
export interface TextOptions {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Returns a message while the value is not acceptable; accepting is refused until it is. */
  validate: (value: string) => string | undefined | Promise<string | undefined>;
}

/**
 * A wizard in one quick-input widget: "Step 2/5" in the title, a Back button from step 2 on,
 * validation as you type, nothing accepted while invalid. Escape anywhere throws CancelledError.
 */
export class MultiStepInput {
  /** Current step (1-based), shown in the title. */
  step = 0;
  private history = 0;

  private constructor(
    private readonly title: string,
    public totalSteps: number,
  ) {}

  /** Runs the steps from `first` until one returns `undefined`; returns the filled state. */
  static async run<S>(
    title: string,
    totalSteps: number,
    first: InputStep<S>,
    state: S,
  ): Promise<S> {
    const input = new MultiStepInput(title, totalSteps);
    const stack: InputStep<S>[] = [];
    let next: InputStep<S> | undefined = first;
    while (next) {
      const current: InputStep<S> = next;
      input.step = stack.length + 1;
      input.history = stack.length;
      try {
        next = await current(input, state);
        stack.push(current);
      } catch (error) {
        if (!(error instanceof BackRequested)) throw error;
        next = stack.pop() ?? current;
      }
    }
    return state;
  }

  /** A single-choice quick pick. */
  async pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    const [choice] = await this.pickItems({ ...options, canPickMany: false });
    if (!choice) throw new CancelledError();
    return choice;
  }

  /** A multi-choice quick pick (checkboxes). */
  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[]> {
    return this.pickItems({ ...options, canPickMany: true });
  }

  /** A text input with validation as you type. */
  text(options: TextOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = this.titleText();
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = this.history > 0 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<string>((resolve, reject) => {
      let validating: Promise<string | undefined> = Promise.resolve(undefined);
      const check = (value: string): Promise<string | undefined> => {
        validating = Promise.resolve(options.validate(value)).then((message) => {
          if (box.value === value) box.validationMessage = message;
          return message;
        });
        return validating;
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
          if (message === undefined) settle(() => resolve(value.trim()));
        }),
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle(() => reject(new BackRequested()));
        }),
        box.onDidHide(() => settle(() => reject(new CancelledError()))),
      ];
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
        for (const d of disposables) d.dispose();
        box.dispose();
      };
      void check(box.value);
      box.show();
    });
  }

  private pickItems<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = this.titleText();
    pick.placeholder = options.placeholder;
    pick.items = options.items;
    pick.canSelectMany = options.canPickMany ?? false;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.ignoreFocusOut = true;
    if (options.active) {
      if (pick.canSelectMany) pick.selectedItems = options.active;
      else pick.activeItems = options.active;
    }
    pick.buttons = this.history > 0 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<T[]>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
        for (const d of disposables) d.dispose();
        pick.dispose();
      };
      const disposables: vscode.Disposable[] = [
        pick.onDidAccept(() => {
          const chosen = pick.canSelectMany ? [...pick.selectedItems] : [...pick.activeItems];
          if (chosen.length === 0 && (!pick.canSelectMany || options.requireSelection)) {
            if (options.requireSelection) pick.placeholder = options.requireSelection;
            return;
          }
          settle(() => resolve(chosen));
        }),
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle(() => reject(new BackRequested()));
        }),
        pick.onDidHide(() => settle(() => reject(new CancelledError()))),
      ];
      pick.show();
    });
  }

  private titleText(): string {
    return `${this.title} (${this.step}/${Math.max(this.totalSteps, this.step)})`;
  }
}
