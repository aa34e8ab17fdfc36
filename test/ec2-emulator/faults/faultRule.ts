/** The kinds of answer that are not EC2's XML a `foreignAnswer` fault can give. */
export const foreignBodies = ['html', 'empty', 'truncated'] as const;
export type ForeignBody = (typeof foreignBodies)[number];

/**
 * One fault to inject. A rule applies to requests matching all of its selectors (absent selector =
 * any); all matching rules apply, in order: latency, dropped connection, throttling, error, foreign
 * answer, slow body; then the action runs, and its answer may be dropped or held (`dropAfterApply`,
 * `hangAfterApply`).
 */
export interface FaultRule {
  /** Only requests signed for this region. */
  readonly region?: string;
  /** Only this EC2 action (e.g. `DescribeImages`). */
  readonly action?: string;
  /** Only this caller account. */
  readonly accountId?: string;
  /** Delay before the response is produced, in ms. */
  readonly latencyMs?: number;
  /**
   * Answer with this EC2 error instead of running the action. `rate` (0–1, default 1) is the
   * fraction of matching requests affected; `status` defaults to EC2's status for the code
   * (RequestLimitExceeded and Unavailable 503, InternalError 500, others 400).
   */
  readonly error?: {
    readonly code: string;
    readonly message?: string;
    readonly status?: number;
    readonly rate?: number;
  };
  /** Destroy the connection without answering, for `rate` (default 1) of matching requests. */
  readonly dropConnection?: { readonly rate?: number };
  /**
   * Throttle with a token bucket per account, region and action: `'ec2'` uses EC2's published
   * request-rate limits for the action; or give an explicit bucket.
   */
  readonly throttle?: 'ec2' | { readonly capacity: number; readonly refillPerSecond: number };
  /** Send the response body in `chunks` pieces, `chunkDelayMs` apart (a slow, not a late, answer). */
  readonly slowBody?: { readonly chunkDelayMs: number; readonly chunks?: number };
  /**
   * Answer with something that is not EC2's XML instead of running the action, as a proxy, a
   * gateway or an endpoint without the action would: an HTML error page (default), an empty body,
   * or an EC2 error document cut off in the middle. `status` defaults to 500.
   */
  readonly foreignAnswer?: {
    readonly body?: ForeignBody;
    readonly status?: number;
    readonly rate?: number;
  };
  /**
   * Run the action, then destroy the connection instead of answering: the change is made, the
   * caller never hears of it (a response lost on the way back).
   */
  readonly dropAfterApply?: { readonly rate?: number };
  /**
   * Run the action, then never answer (the connection stays open until the caller gives up or the
   * emulator closes): the change is made, the caller sees a timeout.
   */
  readonly hangAfterApply?: { readonly rate?: number };
  /**
   * Apply this rule to at most this many requests (those it actually did something to), then let
   * matching requests pass: e.g. lose only the first answer, not the SDK's retries.
   */
  readonly times?: number;
}

/** Validates a rule received as JSON (admin route); throws a readable Error when it is malformed. */
export function parseFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('a fault rule must be an object');
  }
  const v = value as Record<string, unknown>;
  const known = new Set([
    'region',
    'action',
    'accountId',
    'latencyMs',
    'error',
    'dropConnection',
    'throttle',
    'slowBody',
    'foreignAnswer',
    'dropAfterApply',
    'hangAfterApply',
    'times',
  ]);
  for (const key of Object.keys(v)) {
    if (!known.has(key)) {
      throw new Error(`unknown fault rule field: ${key}`);
    }
  }
  const optionalString = (key: string): string | undefined => {
    const x = v[key];
    if (x !== undefined && typeof x !== 'string') {
      throw new Error(`${key} must be a string`);
    }
    return x;
  };
  const rate = (x: unknown, field: string): number | undefined => {
    if (x === undefined) {
      return undefined;
    }
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
      throw new Error(`${field}.rate must be a number between 0 and 1`);
    }
    return x;
  };
  const nonNegative = (x: unknown, field: string): number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new Error(`${field} must be a non-negative number`);
    }
    return x;
  };
  const objectAt = (key: string): Record<string, unknown> | undefined => {
    const x = v[key];
    if (x === undefined) {
      return undefined;
    }
    if (typeof x !== 'object' || x === null) {
      throw new Error(`${key} must be an object`);
    }
    return x as Record<string, unknown>;
  };

  const error = objectAt('error');
  if (error && typeof error.code !== 'string') {
    throw new Error('error.code must be a string');
  }
  const drop = objectAt('dropConnection');
  const slow = objectAt('slowBody');
  const foreign = objectAt('foreignAnswer');
  if (
    foreign?.body !== undefined &&
    !(foreignBodies as readonly unknown[]).includes(foreign.body)
  ) {
    throw new Error(`foreignAnswer.body must be one of ${foreignBodies.join(', ')}`);
  }
  if (
    foreign?.status !== undefined &&
    !(
      typeof foreign.status === 'number' &&
      Number.isInteger(foreign.status) &&
      foreign.status >= 100 &&
      foreign.status <= 599
    )
  ) {
    throw new Error('foreignAnswer.status must be an HTTP status (100–599)');
  }
  const dropAfter = objectAt('dropAfterApply');
  const hangAfter = objectAt('hangAfterApply');
  if (
    v.times !== undefined &&
    !(typeof v.times === 'number' && Number.isInteger(v.times) && v.times >= 0)
  ) {
    throw new Error('times must be a non-negative integer');
  }
  let throttle: FaultRule['throttle'];
  if (v.throttle === 'ec2') {
    throttle = 'ec2';
  } else if (v.throttle !== undefined) {
    const t = objectAt('throttle') ?? {};
    throttle = {
      capacity: nonNegative(t.capacity, 'throttle.capacity'),
      refillPerSecond: nonNegative(t.refillPerSecond, 'throttle.refillPerSecond'),
    };
  }
  return {
    region: optionalString('region'),
    action: optionalString('action'),
    accountId: optionalString('accountId'),
    latencyMs: v.latencyMs === undefined ? undefined : nonNegative(v.latencyMs, 'latencyMs'),
    error: error
      ? {
          code: error.code as string,
          message: typeof error.message === 'string' ? error.message : undefined,
          status: typeof error.status === 'number' ? error.status : undefined,
          rate: rate(error.rate, 'error'),
        }
      : undefined,
    dropConnection: drop ? { rate: rate(drop.rate, 'dropConnection') } : undefined,
    throttle,
    slowBody: slow
      ? {
          chunkDelayMs: nonNegative(slow.chunkDelayMs, 'slowBody.chunkDelayMs'),
          chunks:
            slow.chunks === undefined ? undefined : nonNegative(slow.chunks, 'slowBody.chunks'),
        }
      : undefined,
    foreignAnswer: foreign
      ? {
          body: foreign.body as ForeignBody | undefined,
          status: foreign.status,
          rate: rate(foreign.rate, 'foreignAnswer'),
        }
      : undefined,
    dropAfterApply: dropAfter ? { rate: rate(dropAfter.rate, 'dropAfterApply') } : undefined,
    hangAfterApply: hangAfter ? { rate: rate(hangAfter.rate, 'hangAfterApply') } : undefined,
    times: v.times,
  };
}
