import type * as vscode from 'vscode';
import { CancelledError } from '../core/model/errors';

/**
 * Where a prompt sits in a multi-step wizard: the title shows "(step/total)", and from the second
 * step on the prompt has a Back button.
 */
export interface WizardStep {
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

/** A prompt's title as the user sees it: a wizard step adds "(step/total)". */
export function shownTitle(request: { title: string; wizard?: WizardStep }): string {
  const w = request.wizard;
  return w ? `${request.title} (${w.step}/${Math.max(w.totalSteps, w.step)})` : request.title;
}

/** A quick pick: one item or several, from a list that may still be loading. */
export interface PickRequest<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /**
   * The items, or a promise of them: the pick then opens at once, shows it is busy, and fills when
   * they arrive (a rejected promise leaves it empty, with `loadFailed` as its placeholder).
   */
  items: readonly T[] | Promise<readonly T[]>;
  canPickMany?: boolean;
  /** Items shown active (one) or ticked (many) when the pick opens. */
  active?: readonly T[];
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Accepting an empty multi-selection is refused with this placeholder. */
  requireSelection?: string;
  /**
   * An item for what the user typed (an AMI id that is not listed, a region name), shown first;
   * `undefined` when the typed text is not acceptable as it is.
   */
  typedItem?: (value: string) => T | undefined;
  /** Placeholder when loading the items failed. */
  loadFailed?: (error: unknown) => string;
  wizard?: WizardStep;
}

/** A text input, validated as the user types; nothing invalid can be accepted. */
export interface TextRequest {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** A message while the value is not acceptable; `undefined` when it is. */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
  wizard?: WizardStep;
}

/** A message: a notification, or a modal dialog that blocks until it is answered. */
export interface MessageRequest {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** Shown under the message of a modal dialog. */
  detail?: string;
  modal: boolean;
  /** Button labels; the answer is the label clicked, `undefined` when dismissed. */
  actions: readonly string[];
}

/** What the user did with a prompt. */
export type Answer<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/**
 * Every question AMI Explorer asks goes through this interface: quick picks, input boxes,
 * notifications with buttons and modal dialogs. The extension uses the VS Code implementation;
 * integration tests install one that scripts the answers and fails on an unexpected prompt. Only
 * plain data crosses it, so a test's implementation needs none of the extension's classes.
 */
export interface UserInput {
  pick<T extends vscode.QuickPickItem>(request: PickRequest<T>): Promise<Answer<T[]>>;
  text(request: TextRequest): Promise<Answer<string>>;
  message(request: MessageRequest): Promise<string | undefined>;
}

/** Thrown inside a wizard step when the user pressed Back (caught by the wizard runner). */
export class BackRequested extends Error {
  override readonly name = 'BackRequested';
}

/**
 * What commands, wizards and panels use to ask: the `UserInput` of the moment (replaceable only
 * outside production mode), with Escape turned into `CancelledError` and Back into `BackRequested`.
 */
export class Ask {
  constructor(private readonly input: () => UserInput) {}

  /** One item. */
  async pick<T extends vscode.QuickPickItem>(
    request: Omit<PickRequest<T>, 'canPickMany' | 'requireSelection'>,
  ): Promise<T> {
    const [chosen] = await this.answer(this.input().pick({ ...request, canPickMany: false }));
    if (!chosen) throw new CancelledError();
    return chosen;
  }

  /** Any number of items (checkboxes). */
  pickMany<T extends vscode.QuickPickItem>(
    request: Omit<PickRequest<T>, 'canPickMany'>,
  ): Promise<T[]> {
    return this.answer(this.input().pick({ ...request, canPickMany: true }));
  }

  /** A validated text. */
  text(request: TextRequest): Promise<string> {
    return this.answer(this.input().text(request));
  }

  /**
   * A modal warning that names what will happen; resolves when the user clicked `action`, throws
   * CancelledError otherwise.
   */
  async confirm(message: string, detail: string, action: string): Promise<void> {
    const answer = await this.input().message({
      severity: 'warning',
      message,
      detail,
      modal: true,
      actions: [action],
    });
    if (answer !== action) throw new CancelledError();
  }

  /** A modal question with several answers; throws CancelledError when dismissed. */
  async choose<A extends string>(
    message: string,
    detail: string,
    actions: readonly A[],
  ): Promise<A> {
    const answer = await this.input().message({
      severity: 'warning',
      message,
      detail,
      modal: true,
      actions,
    });
    const chosen = actions.find((a) => a === answer);
    if (chosen === undefined) throw new CancelledError();
    return chosen;
  }

  /**
   * A notification; resolves to the button clicked (`undefined` when dismissed). Commands that are
   * done do not wait for it.
   */
  notify(
    severity: MessageRequest['severity'],
    message: string,
    ...actions: string[]
  ): Promise<string | undefined> {
    return this.input().message({ severity, message, modal: false, actions });
  }

  private async answer<T>(pending: Promise<Answer<T>>): Promise<T> {
    const answer = await pending;
    if (answer.kind === 'back') throw new BackRequested();
    if (answer.kind === 'cancel') throw new CancelledError();
    return answer.value;
  }
}
