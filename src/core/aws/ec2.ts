import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CallContext } from '../model/errors';
import { AwsApiError, CancelledError, isCancellation, throwIfAborted } from '../model/errors';
import type { Ec2ClientFactory, RetryPolicy } from './clientFactory';
import { toTypedError, willNotHeal } from './errorMapping';
import type { Sdk } from './loadSdk';
import { loadSdk } from './loadSdk';
import { requestMayHaveApplied } from './requestOutcome';
import { Ec2RequestRate, systemClock } from './requestRate';
import * as l10n from '@vscode/l10n';

type Commands = Sdk['ec2Commands'];
type CommandOf<A extends Ec2Action> = InstanceType<Commands[A]>;

/** An EC2 action AMI Explorer sends, by its API name (`DescribeImages`, `CopyImage`…). */
export type Ec2Action = keyof Commands;

/** The request of `action`, exactly as the SDK types it. */
export type Ec2Input<A extends Ec2Action> = CommandOf<A>['input'];

/** The response of `action`, exactly as the SDK types it. */
export type Ec2Output<A extends Ec2Action> = Awaited<
  ReturnType<ReturnType<CommandOf<A>['resolveMiddleware']>>
>['output'];

/** The actions whose request takes MaxResults and NextToken and whose response carries NextToken. */
export type PagedEc2Action = {
  [A in Ec2Action]: Ec2Input<A> extends { MaxResults?: number; NextToken?: string }
    ? Ec2Output<A> extends { NextToken?: string }
      ? A
      : never
    : never;
}[Ec2Action];

/** How long and how often to wait for an instance state (EC2's waiter defaults are 15 s apart). */
export interface WaitOptions {
  minDelaySeconds: number;
  maxDelaySeconds: number;
  maxWaitSeconds: number;
}

export const DEFAULT_WAIT: WaitOptions = {
  minDelaySeconds: 2,
  maxDelaySeconds: 15,
  maxWaitSeconds: 900,
};

/**
 * Actions that make something new on every call and take no ClientToken: an attempt whose answer
 * was lost is not sent again (it could make a second image); the caller re-reads EC2 instead.
 * CopyImage is not here: our ClientToken makes its retries safe.
 */
const NOT_IDEMPOTENT: ReadonlySet<string> = new Set(['CreateImage', 'RegisterImage']);

/** Whether an action changes anything in EC2 (reads are Describe…, Get…, List…). */
export function isMutating(action: string): boolean {
  return !/^(Describe|Get|List)/.test(action);
}

/**
 * Failed polls in a row, each with an error that will not heal (`willNotHeal`: refused connection,
 * unknown host, refused credentials), after which a wait gives up with that error.
 */
export const WAIT_GIVE_UP_AFTER = 3;

/**
 * Id lists per request: EC2 accepts more, but long lists run into URL and body limits and make
 * unreadable log lines.
 */
export const IDS_PER_CALL = 200;

/**
 * The one way AMI Explorer talks to EC2: every request of the resource modules goes through
 * `send` (or `paginate`, or the waiter), which uses the region's cached client and the lazily loaded
 * SDK and turns whatever fails into a typed error (`AwsApiError`, `CredentialsError`,
 * `CancelledError`) with the region, action and profile, once. Non-mutating requests first take a
 * token of EC2's request-rate bucket for their action and region (`requestRate.ts`). A mutating
 * request whose failure does not prove it was not applied gets `outcomeUnknown` on its typed error
 * (see `outcomeUnknown()` in core/model/errors): the services then re-read EC2
 * (core/services/rereadOutcome.ts).
 */
export class Ec2 {
  constructor(
    private readonly clients: Ec2ClientFactory,
    private readonly profile: () => string | undefined,
    private readonly rate: Ec2RequestRate = new Ec2RequestRate(),
  ) {}

  /** Sends one EC2 request in `region`. */
  send<A extends Ec2Action>(
    region: string,
    action: A,
    input: Ec2Input<A>,
    signal?: AbortSignal,
  ): Promise<Ec2Output<A>> {
    return this.run(
      region,
      action,
      async (client, sdk) => {
        await this.rate.take(this.profile() ?? '', region, action, input, signal);
        // The map holds one command class per action; TypeScript cannot follow that correlation
        // through a generic index, so the class is typed here by what `A` says.
        const Command = sdk.ec2Commands[action] as unknown as new (
          input: Ec2Input<A>,
        ) => Parameters<EC2Client['send']>[0];
        return client.send(new Command(input), { abortSignal: signal });
      },
      signal,
    );
  }

  /**
   * Sends `input` and yields every page, following NextToken to the last one. Only a request with
   * MaxResults is paged: without it EC2 answers in one response (and it refuses MaxResults next to
   * an id list), so a stray token is not followed.
   *
   * The next page is requested as soon as a page's NextToken is known, before that page is yielded:
   * while the caller maps a page (and the tree shows it), the next one is already on the wire. At
   * most one request runs ahead; when the caller stops early (break, throw, or the signal), the
   * request in flight is aborted and its outcome ignored. The signal is checked before each request,
   * so cancelling between pages sends no further request.
   */
  async *paginate<A extends PagedEc2Action>(
    region: string,
    action: A,
    input: Ec2Input<A>,
    signal?: AbortSignal,
  ): AsyncGenerator<Ec2Output<A>, void, undefined> {
    throwIfAborted(signal);
    // Our own controller, so the request sent ahead can be stopped when the caller stops.
    const ahead = new AbortController();
    const forward = (): void => ahead.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    const request = (nextToken?: string): Promise<Ec2Output<A>> => {
      const sent = this.send(
        region,
        action,
        nextToken ? { ...input, NextToken: nextToken } : input,
        ahead.signal,
      );
      // Marked as handled now: the caller may still be busy with the previous page when it fails;
      // awaiting it below still throws.
      sent.catch(() => undefined);
      return sent;
    };
    let next: Promise<Ec2Output<A>> | undefined = request();
    try {
      while (next) {
        const page: Ec2Output<A> = await next;
        next = undefined;
        const token = input.MaxResults === undefined ? undefined : page.NextToken;
        if (token) {
          throwIfAborted(signal);
          next = request(token);
        }
        yield page;
      }
    } finally {
      signal?.removeEventListener('abort', forward);
      if (next) ahead.abort();
    }
  }

  /** The items of every page of `input` (see `paginate`), as `itemsOf` picks them, in order. */
  async collect<A extends PagedEc2Action, T>(
    region: string,
    action: A,
    input: Ec2Input<A>,
    itemsOf: (page: Ec2Output<A>) => readonly T[],
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.paginate(region, action, input, signal)) {
      for (const item of itemsOf(page)) out.push(item);
    }
    return out;
  }

  /**
   * Polls DescribeInstances until the instances are stopped; the signal ends the wait. An instance
   * that is started again or terminated meanwhile ends it with an error naming its state. Polls
   * that fail are tried again (with the SDK's retries inside each), except that
   * WAIT_GIVE_UP_AFTER failures in a row that will not heal (see `willNotHeal`) end the wait with
   * the real cause instead of waiting out `maxWaitSeconds`.
   */
  async waitUntilInstanceStopped(
    region: string,
    instanceIds: readonly string[],
    wait: WaitOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    const what = instanceIds.join(', ');
    const deadline = Date.now() + wait.maxWaitSeconds * 1000;
    let delayMs = wait.minDelaySeconds * 1000;
    let hopeless = 0;
    let lastProblem: { error: unknown } | { states: string } | undefined;
    for (;;) {
      throwIfAborted(signal);
      const states = await this.send(
        region,
        'DescribeInstances',
        { InstanceIds: [...instanceIds] },
        signal,
      ).then(
        (page) =>
          (page.Reservations ?? []).flatMap((r) =>
            (r.Instances ?? []).map((i) => i.State?.Name ?? 'unknown'),
          ),
        (error: unknown) => {
          if (isCancellation(error)) throw error;
          hopeless = willNotHeal(error) ? hopeless + 1 : 0;
          if (hopeless >= WAIT_GIVE_UP_AFTER) throw gaveUp(error, what, hopeless);
          lastProblem = { error };
          return undefined;
        },
      );
      if (states) {
        hopeless = 0;
        if (states.length > 0 && states.every((state) => state === 'stopped')) return;
        const wrong = states.find((state) => state === 'pending' || state === 'terminated');
        if (wrong) {
          throw new AwsApiError(
            'InstanceStateChanged',
            l10n.t(
              'Stopped waiting for {0} to stop in {1}: it is {2}.',
              what,
              region,
              wrong === 'pending' ? l10n.t('starting again') : l10n.t('terminated'),
            ),
            this.context(region, 'DescribeInstances'),
            {},
          );
        }
        lastProblem = { states: states.length > 0 ? states.join(', ') : l10n.t('not returned') };
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        if (lastProblem && 'error' in lastProblem) throw lastProblem.error;
        throw new AwsApiError(
          'WaiterTimeout',
          l10n.t(
            '{0} did not stop within {1} s in {2} (last seen: {3}).',
            what,
            wait.maxWaitSeconds,
            region,
            lastProblem?.states ?? l10n.t('unknown'),
          ),
          this.context(region, 'DescribeInstances'),
          {},
        );
      }
      await systemClock.sleep(Math.min(delayMs, left), signal);
      delayMs = Math.min(delayMs * 2, wait.maxDelaySeconds * 1000);
    }
  }

  /**
   * The typed error for an answer EC2 should never give (say, a CopyImage without an image id),
   * with the same context as a failed call.
   */
  unexpected(region: string, action: Ec2Action, problem: string): Error {
    return toTypedError(new Error(problem), this.context(region, action));
  }

  /** Resolves the active credentials, so a missing or expired login is found before any call. */
  async checkCredentials(): Promise<{ accountId?: string }> {
    try {
      return await this.clients.resolveCredentials();
    } catch (error) {
      throw toTypedError(error, this.context());
    }
  }

  private async run<T>(
    region: string,
    action: Ec2Action,
    work: (client: EC2Client, sdk: Sdk) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const retry: RetryPolicy = NOT_IDEMPOTENT.has(action) ? 'unapplied-only' : 'retryable';
    let sent = false;
    try {
      const [client, sdk] = await Promise.all([this.clients.client(region, retry), loadSdk()]);
      // Cancelled before the request left: certainly not applied. (A read's wait for a request-rate
      // token happens in `work`; reads are never marked, so `sent` may be set before it.)
      throwIfAborted(signal);
      sent = true;
      return await work(client, sdk);
    } catch (error) {
      const typed = toTypedError(error, this.context(region, action));
      throw sent && isMutating(action) && requestMayHaveApplied(error)
        ? withOutcomeUnknown(typed)
        : typed;
    }
  }

  private context(region?: string, action?: string): CallContext {
    const profile = this.profile();
    return {
      ...(region ? { region } : {}),
      ...(action ? { action } : {}),
      ...(profile ? { profile } : {}),
    };
  }
}

/** The same typed error, marked: EC2 may have applied the request although it failed. */
function withOutcomeUnknown(error: Error): Error {
  if (error instanceof CancelledError) return new CancelledError({ outcomeUnknown: true });
  if (error instanceof AwsApiError) {
    return new AwsApiError(error.code, error.message, error.context, error.details, {
      cause: error.cause,
      outcomeUnknown: true,
    });
  }
  return error;
}

/** The error a wait ends with when it gives up: the real cause, and that the wait stopped. */
function gaveUp(error: unknown, what: string, tries: number): unknown {
  if (!(error instanceof AwsApiError)) return error;
  return new AwsApiError(
    error.code,
    l10n.t(
      'Stopped waiting for {0} to stop after {1} failed tries: {2}',
      what,
      tries,
      error.message,
    ),
    error.context,
    error.details,
    { cause: error },
  );
}

/**
 * Runs `each` on consecutive slices of `ids` of at most `perCall` (IDS_PER_CALL), in order, and joins what
 * they return. The signal is checked before each slice; no ids, no call.
 */
export async function inIdChunks<T>(
  ids: readonly string[],
  signal: AbortSignal | undefined,
  each: (chunk: string[]) => Promise<T[]>,
  perCall: number = IDS_PER_CALL,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += perCall) {
    throwIfAborted(signal);
    out.push(...(await each(ids.slice(i, i + perCall))));
  }
  return out;
}
