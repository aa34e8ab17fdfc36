import type * as vscode from 'vscode';
import type { Ask, PickRequest, TextRequest } from './userInput';
import { BackRequested } from './userInput';

/** One step of a multi-step input: asks something, writes it into `state`, returns the next step. */
export type InputStep<S> = (input: MultiStepInput, state: S) => Promise<InputStep<S> | undefined>;

/** Options of a quick-pick step. */
export type PickOptions<T extends vscode.QuickPickItem> = Omit<
  PickRequest<T>,
  'title' | 'wizard' | 'canPickMany' | 'items'
> & { items: readonly T[] };

/** Options of a text step. */
export type TextOptions = Omit<TextRequest, 'title' | 'wizard' | 'validate'> & {
  validate: NonNullable<TextRequest['validate']>;
};

/**
 * A wizard in one quick-input widget: "Step 2/5" in the title, a Back button from step 2 on,
 * validation as you type, nothing accepted while invalid. Escape anywhere throws CancelledError.
 * It asks through the user-input layer, so tests drive the real steps, Back included.
 */
export class MultiStepInput {
  /** Current step (1-based), shown in the title. */
  step = 0;
  private history = 0;

  private constructor(
    private readonly ask: Ask,
    private readonly title: string,
    public totalSteps: number,
  ) {}

  /** Runs the steps from `first` until one returns `undefined`; returns the filled state. */
  static async run<S>(
    ask: Ask,
    title: string,
    totalSteps: number,
    first: InputStep<S>,
    state: S,
  ): Promise<S> {
    const input = new MultiStepInput(ask, title, totalSteps);
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
  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    return this.ask.pick({ ...options, title: this.title, wizard: this.wizard() });
  }

  /** A multi-choice quick pick (checkboxes). */
  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[]> {
    return this.ask.pickMany({ ...options, title: this.title, wizard: this.wizard() });
  }

  /** A text input with validation as you type. */
  text(options: TextOptions): Promise<string> {
    return this.ask.text({ ...options, title: this.title, wizard: this.wizard() });
  }

  private wizard() {
    return { step: this.step, totalSteps: this.totalSteps, canGoBack: this.history > 0 };
  }
}
