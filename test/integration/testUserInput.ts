import * as vscode from 'vscode';
import type {
  Answer,
  MessageRequest,
  PickRequest,
  TextRequest,
  UserInput,
} from '../../src/ui/userInput';
import { shownTitle } from '../../src/ui/userInput';
import { amiExplorer } from './extensionUnderTest';

/** Matches a pick item by its label (leading `$(icon) ` ignored), or by a pattern over label + description. */
export type ItemMatcher = string | RegExp;

/**
 * One scripted answer, consumed by the next prompt in order:
 * - `{ pick: m }` / `{ pick: [m1, m2] }`: choose the matching item(s) of a quick pick; `typed`
 *   types text into it first (an AMI id that is not listed, a region name) and accepts what it offers;
 * - `{ text: 'value' }`: type into an input box; refused values fail the test unless `invalid`
 *   names the expected validation message (the prompt then stays, and the next answer goes to it);
 * - `{ confirm: 'Button' }`: answer a modal dialog with that button;
 * - `'accept'`: press Enter on what the prompt shows (its active/ticked items, its prefilled value);
 * - `'back'`: press the wizard's Back button; `'escape'`: dismiss the prompt;
 * - `{ notification: /text/, choose: 'Button' }`: click a button of a notification.
 * Every prompt records its title/message so a test can check what was asked.
 */
export type ScriptedAnswer =
  | { pick: ItemMatcher | ItemMatcher[]; title?: RegExp }
  | { typed: string; title?: RegExp }
  | { text: string; title?: RegExp; invalid?: RegExp }
  | { confirm: string; message?: RegExp }
  | { notification: RegExp; choose: string }
  | 'accept'
  | 'back'
  | 'escape';

/**
 * The user-input layer for integration tests (the pattern of vscode-azuretools' TestUserInput):
 * the extension's real commands, wizards and panels ask their questions here, and get the scripted
 * answers in order. An unexpected prompt, an answer that does not fit, or answers left over fail
 * the test through `assertDone()`. Notifications need no answer: they are recorded.
 */
export class TestUserInput implements UserInput {
  /** Every notification shown, in order. */
  readonly notifications: MessageRequest[] = [];
  /** Every modal dialog shown (message and detail), in order. */
  readonly modals: MessageRequest[] = [];
  /** Every prompt, as `kind: title` (picks, inputs) or `modal: message`. */
  readonly asked: string[] = [];
  private readonly problems: string[] = [];
  private readonly answers: ScriptedAnswer[];

  constructor(answers: readonly ScriptedAnswer[]) {
    this.answers = [...answers];
  }

  async pick<T extends vscode.QuickPickItem>(request: PickRequest<T>): Promise<Answer<T[]>> {
    const title = shownTitle(request);
    this.asked.push(`pick: ${title}`);
    const items = [...(await request.items)].filter(
      (i) => i.kind !== vscode.QuickPickItemKind.Separator,
    );
    const answer = this.next(`pick "${title}"`);
    if (answer === undefined) return { kind: 'cancel' };
    if (answer === 'back' || answer === 'escape') return control(answer);
    if (answer === 'accept') {
      const shown = request.active ?? [];
      if (!request.canPickMany && shown.length === 0) {
        this.problems.push(`pick "${title}" has no active item to accept`);
        return { kind: 'cancel' };
      }
      return { kind: 'value', value: request.canPickMany ? [...shown] : shown.slice(0, 1) };
    }
    if (typeof answer === 'object' && 'typed' in answer) {
      this.checkTitle(answer.title, title);
      const offered = request.typedItem?.(answer.typed);
      if (!offered) {
        this.problems.push(`pick "${title}" offered nothing for typed "${answer.typed}"`);
        return { kind: 'cancel' };
      }
      return { kind: 'value', value: [offered] };
    }
    if (typeof answer !== 'object' || !('pick' in answer)) {
      this.problems.push(`pick "${title}" got ${describe(answer)}`);
      return { kind: 'cancel' };
    }
    this.checkTitle(answer.title, title);
    const wanted = Array.isArray(answer.pick) ? answer.pick : [answer.pick];
    const chosen: T[] = [];
    for (const matcher of wanted) {
      const found = items.find((item) => matches(item, matcher));
      if (!found) {
        this.problems.push(
          `pick "${title}" has no item ${String(matcher)}; items: ${items.map((i) => i.label).join(' | ')}`,
        );
        return { kind: 'cancel' };
      }
      chosen.push(found);
    }
    if (!request.canPickMany && chosen.length !== 1) {
      this.problems.push(`pick "${title}" takes one item, got ${chosen.length}`);
      return { kind: 'cancel' };
    }
    return { kind: 'value', value: chosen };
  }

  async text(request: TextRequest): Promise<Answer<string>> {
    const title = shownTitle(request);
    this.asked.push(`text: ${title}: ${request.prompt}`);
    for (;;) {
      const answer = this.next(`input "${title}: ${request.prompt}"`);
      if (answer === undefined) return { kind: 'cancel' };
      if (answer === 'back' || answer === 'escape') return control(answer);
      if (answer === 'accept') {
        const value = request.value ?? '';
        const refused = await request.validate?.(value);
        if (refused !== undefined) {
          this.problems.push(
            `input "${request.prompt}" refused its own value "${value}": ${refused}`,
          );
          return { kind: 'cancel' };
        }
        return { kind: 'value', value: value.trim() };
      }
      if (typeof answer !== 'object' || !('text' in answer)) {
        this.problems.push(`input "${request.prompt}" got ${describe(answer)}`);
        return { kind: 'cancel' };
      }
      this.checkTitle(answer.title, title);
      const message = await request.validate?.(answer.text);
      if (answer.invalid) {
        if (message === undefined || !answer.invalid.test(message)) {
          this.problems.push(
            `input "${request.prompt}": "${answer.text}" should be refused with ${String(answer.invalid)}, got ${message ?? 'accepted'}`,
          );
          return { kind: 'cancel' };
        }
        // Refused as expected: the box stays open for the next answer.
        continue;
      }
      if (message !== undefined) {
        this.problems.push(`input "${request.prompt}" refused "${answer.text}": ${message}`);
        return { kind: 'cancel' };
      }
      return { kind: 'value', value: answer.text.trim() };
    }
  }

  message(request: MessageRequest): Promise<string | undefined> {
    if (!request.modal) {
      this.notifications.push(request);
      const next = this.answers[0];
      if (
        typeof next === 'object' &&
        'notification' in next &&
        next.notification.test(request.message)
      ) {
        this.answers.shift();
        return Promise.resolve(request.actions.find((a) => a === next.choose));
      }
      return Promise.resolve(undefined);
    }
    this.asked.push(`modal: ${request.message}`);
    this.modals.push(request);
    const answer = this.next(`modal "${request.message}"`);
    if (answer === undefined || answer === 'escape') return Promise.resolve(undefined);
    if (typeof answer !== 'object' || !('confirm' in answer)) {
      this.problems.push(`modal "${request.message}" got ${describe(answer)}`);
      return Promise.resolve(undefined);
    }
    if (answer.message && !answer.message.test(request.message)) {
      this.problems.push(`modal "${request.message}" does not match ${String(answer.message)}`);
    }
    if (!request.actions.includes(answer.confirm)) {
      this.problems.push(
        `modal "${request.message}" has no button "${answer.confirm}" (${request.actions.join(', ')})`,
      );
      return Promise.resolve(undefined);
    }
    return Promise.resolve(answer.confirm);
  }

  /** The notifications whose text matches. */
  shown(pattern: RegExp): MessageRequest[] {
    return this.notifications.filter((n) => pattern.test(n.message));
  }

  /** Fails when a prompt was unexpected or did not fit its answer, or answers are left over. */
  assertDone(): void {
    const left = this.answers.filter((a) => !(typeof a === 'object' && 'notification' in a));
    const problems = [
      ...this.problems,
      ...(left.length > 0 ? [`answers not used: ${left.map(describe).join(', ')}`] : []),
    ];
    if (problems.length > 0) {
      throw new Error(
        `User input did not go as scripted:\n- ${problems.join('\n- ')}\nAsked:\n- ${this.asked.join('\n- ')}`,
      );
    }
  }

  private next(prompt: string): ScriptedAnswer | undefined {
    const answer = this.answers.shift();
    if (answer === undefined) this.problems.push(`unexpected prompt: ${prompt}`);
    return answer;
  }

  private checkTitle(expected: RegExp | undefined, title: string): void {
    if (expected && !expected.test(title))
      this.problems.push(`prompt "${title}" does not match ${String(expected)}`);
  }
}

/**
 * Runs `act` (usually one `executeCommand`) with the scripted answers installed in the extension,
 * then checks that the prompts went exactly as scripted. Returns what `act` returned and the
 * input (for its notifications).
 */
export async function withAnswers<R>(
  answers: readonly ScriptedAnswer[],
  act: () => Thenable<R> | Promise<R>,
): Promise<{ result: R; input: TestUserInput }> {
  const api = await amiExplorer();
  const input = new TestUserInput(answers);
  const installed = api.useUserInput(input);
  try {
    const result = await act();
    input.assertDone();
    return { result, input };
  } finally {
    installed.dispose();
  }
}

function control(answer: 'back' | 'escape'): Answer<never> {
  return answer === 'back' ? { kind: 'back' } : { kind: 'cancel' };
}

function matches(item: vscode.QuickPickItem, matcher: ItemMatcher): boolean {
  const label = item.label.replace(/^\$\([^)]*\)\s*/, '');
  if (typeof matcher === 'string') return label === matcher || item.label === matcher;
  return matcher.test(`${label} ${item.description ?? ''}`);
}

function describe(answer: ScriptedAnswer): string {
  return typeof answer === 'string'
    ? answer
    : JSON.stringify(answer, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}
