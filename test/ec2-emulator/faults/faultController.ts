import { Ec2Error, statusForCode } from '../protocol/ec2Error';
import { Prng } from '../state/prng';
import { ec2LimitsFor } from './ec2ThrottleLimits';
import type { FaultRule, ForeignBody } from './faultRule';
import { TokenBucket } from './tokenBucket';

/** The request attributes fault rules select on. */
export interface FaultRequest {
  readonly action: string;
  readonly region: string;
  readonly accountId: string;
  /** Whether the request used filters or paging (selects EC2's bucket for some Describe calls). */
  readonly filteredOrPaginated: boolean;
  readonly now: number;
}

/** What to do to one request. */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly dropConnection: boolean;
  /** Answer with this error instead of running the action. */
  readonly error?: Ec2Error;
  readonly slowBody?: { readonly chunkDelayMs: number; readonly chunks: number };
  /** Answer with this instead of running the action. */
  readonly foreignAnswer?: { readonly body: ForeignBody; readonly status: number };
  /** Run the action, then lose its answer: destroy the connection, or never answer. */
  readonly afterApply?: 'drop' | 'hang';
}

/**
 * Run-time fault configuration: rules can be replaced, added and cleared while the server runs
 * (in process through this API, or from another process through the admin route).
 */
export class FaultController {
  private rules: FaultRule[] = [];
  private buckets = new WeakMap<FaultRule, Map<string, TokenBucket>>();
  /** How many requests each rule with `times` has done something to. */
  private uses = new WeakMap<FaultRule, number>();
  private readonly random: Prng;

  constructor(seed: string, initial: readonly FaultRule[] = []) {
    this.random = new Prng(`faults:${seed}`);
    this.rules = [...initial];
  }

  /** Replaces all rules (and resets throttling buckets). */
  set(rules: readonly FaultRule[]): void {
    this.rules = [...rules];
    this.buckets = new WeakMap();
    this.uses = new WeakMap();
  }

  /** Adds one rule after the existing ones. */
  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  /** Removes every rule: the emulator answers normally again. */
  clear(): void {
    this.set([]);
  }

  /** The current rules. */
  list(): readonly FaultRule[] {
    return [...this.rules];
  }

  /** Decides the faults for one request. */
  plan(request: FaultRequest): FaultPlan {
    let latencyMs = 0;
    let dropConnection = false;
    let error: Ec2Error | undefined;
    let slowBody: FaultPlan['slowBody'];
    let foreignAnswer: FaultPlan['foreignAnswer'];
    let afterApply: FaultPlan['afterApply'];
    for (const rule of this.rules) {
      if (
        (rule.region !== undefined && rule.region !== request.region) ||
        (rule.action !== undefined && rule.action !== request.action) ||
        (rule.accountId !== undefined && rule.accountId !== request.accountId)
      ) {
        continue;
      }
      const used = this.uses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) {
        continue;
      }
      let acted = false;
      if (rule.latencyMs) {
        latencyMs += rule.latencyMs;
        acted = true;
      }
      if (rule.dropConnection && this.hit(rule.dropConnection.rate)) {
        dropConnection = true;
        acted = true;
      }
      if (!error && rule.throttle && !this.bucketFor(rule, request).tryTake(request.now)) {
        error = new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
        acted = true;
      }
      if (!error && rule.error && this.hit(rule.error.rate)) {
        const code = rule.error.code;
        error = new Ec2Error(
          code,
          rule.error.message ?? defaultMessage(code),
          rule.error.status ?? statusForCode(code),
        );
        acted = true;
      }
      if (!foreignAnswer && rule.foreignAnswer && this.hit(rule.foreignAnswer.rate)) {
        foreignAnswer = {
          body: rule.foreignAnswer.body ?? 'html',
          status: rule.foreignAnswer.status ?? 500,
        };
        acted = true;
      }
      if (rule.slowBody) {
        slowBody = {
          chunkDelayMs: rule.slowBody.chunkDelayMs,
          chunks: Math.max(2, Math.floor(rule.slowBody.chunks ?? 5)),
        };
        acted = true;
      }
      if (!afterApply && rule.dropAfterApply && this.hit(rule.dropAfterApply.rate)) {
        afterApply = 'drop';
        acted = true;
      }
      if (!afterApply && rule.hangAfterApply && this.hit(rule.hangAfterApply.rate)) {
        afterApply = 'hang';
        acted = true;
      }
      if (acted && rule.times !== undefined) {
        this.uses.set(rule, used + 1);
      }
    }
    return { latencyMs, dropConnection, error, slowBody, foreignAnswer, afterApply };
  }

  private hit(rate: number | undefined): boolean {
    const r = rate ?? 1;
    // Rates of exactly 0 and 1 never consume randomness, so deterministic tests stay deterministic.
    return r >= 1 ? true : r <= 0 ? false : this.random.next() < r;
  }

  private bucketFor(rule: FaultRule, request: FaultRequest): TokenBucket {
    let perKey = this.buckets.get(rule);
    if (!perKey) {
      perKey = new Map();
      this.buckets.set(rule, perKey);
    }
    const limits =
      rule.throttle === 'ec2' || rule.throttle === undefined
        ? ec2LimitsFor(request.action, request.filteredOrPaginated)
        : rule.throttle;
    // EC2 keeps separate buckets per API, and a smaller one for unfiltered, unpaginated calls.
    const key = `${request.accountId}|${request.region}|${request.action}|${limits.capacity}/${limits.refillPerSecond}`;
    let bucket = perKey.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limits.capacity, limits.refillPerSecond, request.now);
      perKey.set(key, bucket);
    }
    return bucket;
  }
}

function defaultMessage(code: string): string {
  switch (code) {
    case 'RequestLimitExceeded':
      return 'Request limit exceeded.';
    case 'InternalError':
      return 'An internal error has occurred';
    case 'Unavailable':
      return 'The service is unavailable. Please try again shortly.';
    default:
      return `Injected fault: ${code}`;
  }
}
