import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { ApiCallLogger } from './apiCallLog';
import { recordEndpoint } from './errorMapping';
import { loadSdk } from './loadSdk';
import { attemptMayHaveApplied, noteEarlierAttempts, provenNotApplied } from './requestOutcome';

/** How the extension reaches EC2. Changing any of these gives new clients. */
export interface ConnectionSettings {
  /** Named profile from the shared files; `undefined` means the SDK's default provider chain. */
  profile?: string;
  /** EC2-compatible endpoint (LocalStack, moto, the local emulator); `undefined` means AWS. */
  endpointUrl?: string;
  /** Per-request socket timeout. The SDK's default is none, which can hang a region forever. */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Total attempts per call including retries (adaptive retry mode). */
  maxAttempts: number;
}

/**
 * Which failures the SDK retries. `retryable`: all it considers retryable (throttling, timeouts,
 * reset connections, 5xx). `unapplied-only`: only failures that prove EC2 did not apply the request
 * (throttling, a connection never made), for actions that would make something twice if an attempt
 * whose answer was lost ran again (CreateImage, RegisterImage: they take no ClientToken).
 */
export type RetryPolicy = 'retryable' | 'unapplied-only';

type CredentialsProvider = NonNullable<ConstructorParameters<typeof EC2Client>[0]>['credentials'];
type Credentials = {
  expiration?: Date;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
};

/** What a request outside the EC2 client (Recycle Bin ListRules) needs to be signed and sent. */
export interface SigningContext {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The endpoint override (`amiExplorer.endpointUrl`), if any. */
  endpointUrl?: string;
  requestTimeoutMs: number;
}

/**
 * Creates EC2 clients per profile + region + endpoint and caches them. One credentials provider is
 * shared by all regions of a profile, so SSO or credential_process runs once, not once per region.
 */
export class Ec2ClientFactory {
  private readonly clients = new Map<string, Promise<EC2Client>>();
  private readonly providers = new Map<string, () => Promise<Credentials>>();

  constructor(
    private readonly settings: () => ConnectionSettings,
    private readonly logger: ApiCallLogger,
  ) {}

  /** The client for `region` under the current settings, retrying as `retry` says. */
  client(region: string, retry: RetryPolicy = 'retryable'): Promise<EC2Client> {
    const s = this.settings();
    // Every setting that shapes a client is part of the key, or a change would keep the old client.
    const key = JSON.stringify([
      s.profile ?? '',
      region,
      s.endpointUrl ?? '',
      s.requestTimeoutMs,
      s.connectionTimeoutMs,
      s.maxAttempts,
      retry,
    ]);
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(region, s, retry);
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Resolves the active credentials (throws the provider's error when there are none) and returns
   * the account id they carry, if any.
   */
  async resolveCredentials(): Promise<{ accountId?: string }> {
    const credentials = await this.credentialsFor(this.settings())();
    return credentials.accountId ? { accountId: credentials.accountId } : {};
  }

  /**
   * The active credentials (the same chain and cache as the EC2 clients) and connection settings,
   * for a signed request the EC2 client cannot make (the `rbin` service's ListRules).
   */
  async signingContext(): Promise<SigningContext> {
    const s = this.settings();
    const c = await this.credentialsFor(s)();
    if (!c.accessKeyId || !c.secretAccessKey) throw new Error('credentials without keys');
    return {
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      },
      ...(s.endpointUrl ? { endpointUrl: s.endpointUrl } : {}),
      requestTimeoutMs: s.requestTimeoutMs,
    };
  }

  /**
   * Starts loading the SDK chunk without waiting for it, so that the first call finds it loaded. A
   * failure is left for that call to report (a failed load is not cached).
   */
  preloadSdk(): void {
    loadSdk().catch(() => undefined);
  }

  /** Drops cached clients and credentials (profile switched, settings changed, SSO re-login). */
  reset(): void {
    for (const client of this.clients.values()) {
      client.then((c) => c.destroy()).catch(() => undefined);
    }
    this.clients.clear();
    this.providers.clear();
  }

  private credentialsFor(s: ConnectionSettings): () => Promise<Credentials> {
    const key = s.profile ?? '';
    let provider = this.providers.get(key);
    if (!provider) {
      provider = memoizeCredentials(async () => {
        const sdk = await loadSdk();
        const base = s.profile
          ? sdk.fromIni({ profile: s.profile, ignoreCache: true })
          : sdk.fromNodeProviderChain({ ignoreCache: true });
        return base();
      });
      this.providers.set(key, provider);
    }
    return provider;
  }

  private async create(
    region: string,
    s: ConnectionSettings,
    retry: RetryPolicy,
  ): Promise<EC2Client> {
    const sdk = await loadSdk();
    const credentials = this.credentialsFor(s) as CredentialsProvider;
    const client = new sdk.EC2Client({
      region,
      credentials,
      ...(s.endpointUrl ? { endpoint: s.endpointUrl } : {}),
      maxAttempts: s.maxAttempts,
      // The SDK's EC2 protocol with a faster XML reader (same output; see fastXml.ts).
      protocol: sdk.Ec2QueryProtocol,
      retryStrategy: outcomeAwareRetry(new sdk.AdaptiveRetryStrategy(s.maxAttempts), retry),
      requestHandler: {
        requestTimeout: s.requestTimeoutMs,
        connectionTimeout: s.connectionTimeoutMs,
        // Without this the SDK only warns when requestTimeout passes and the request hangs on.
        throwOnRequestTimeout: true,
      },
    });
    const logger = this.logger;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        const action = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        try {
          const result = await next(args);
          const meta = (result.output as { $metadata?: Metadata }).$metadata;
          logger.apiCall({
            action,
            region,
            durationMs: performance.now() - started,
            outcome: 'ok',
            ...metadataFields(meta),
          });
          return result;
        } catch (error) {
          const meta = (error as { $metadata?: Metadata }).$metadata;
          logger.apiCall({
            action,
            region,
            durationMs: performance.now() - started,
            outcome: outcomeOf(error),
            ...metadataFields(meta),
          });
          throw error;
        }
      },
      { step: 'initialize', name: 'amiExplorerApiCallLog', override: true },
    );
    // Built requests carry the resolved endpoint: a failure remembers where it went, for its sentence.
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          const request = args.request as Partial<RequestTarget> | undefined;
          if (request?.hostname) recordEndpoint(error, endpointOf(request));
          throw error;
        }
      },
      { step: 'build', name: 'amiExplorerEndpointOfFailure', override: true },
    );
    return client;
  }
}

/**
 * The SDK's adaptive retry strategy, seeing every failed attempt: it notes on each attempt's error
 * whether an attempt before it may have been applied (so the final error tells whether the request's
 * outcome is known, see `requestMayHaveApplied`), and with `unapplied-only` it lets `base` retry
 * only failures that prove nothing was applied: any other failure ends the call at once, so an
 * attempt whose answer was lost is never sent again (the caller re-reads EC2 instead).
 */
export function outcomeAwareRetry(
  base: RetryStrategyV2 & { mode?: string },
  retry: RetryPolicy,
): RetryStrategyV2 & { mode?: string } {
  const openBefore = new WeakMap<RetryToken, boolean>();
  return {
    ...(base.mode !== undefined ? { mode: base.mode } : {}),
    acquireInitialRetryToken: (scope: string): Promise<RetryToken> =>
      base.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: async (
      token: RetryToken,
      info: RetryErrorInfo,
    ): Promise<RetryToken> => {
      const before = openBefore.get(token) ?? false;
      noteEarlierAttempts(info.error, before);
      // The SDK then ends the call with the attempt's own error.
      if (retry === 'unapplied-only' && !provenNotApplied(info.error))
        throw new Error('not retried: it may have been applied');
      const next = await base.refreshRetryTokenForRetry(token, info);
      openBefore.set(next, before || attemptMayHaveApplied(info.error));
      return next;
    },
    recordSuccess: (token: RetryToken): void => base.recordSuccess(token),
  };
}

interface RequestTarget {
  protocol: string;
  hostname: string;
  port?: number;
}

/** `scheme://host[:port]` of a request: never its path, query or headers. */
function endpointOf(request: Partial<RequestTarget>): string {
  const scheme = (request.protocol ?? 'https:').replace(/:?$/, ':');
  const host = request.hostname?.includes(':') ? `[${request.hostname}]` : request.hostname;
  return `${scheme}//${host ?? ''}${request.port !== undefined ? `:${request.port}` : ''}`;
}

/** The log's outcome for a failed call: EC2's code, or a socket error's code (ECONNREFUSED…). */
function outcomeOf(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const code = (error as { code?: unknown }).code;
  return error.name === 'Error' && typeof code === 'string' ? code : error.name;
}

interface Metadata {
  requestId?: string;
  attempts?: number;
  httpStatusCode?: number;
}

function metadataFields(meta: Metadata | undefined): {
  requestId?: string;
  attempts?: number;
  httpStatus?: number;
} {
  if (!meta) return {};
  return {
    ...(meta.requestId ? { requestId: meta.requestId } : {}),
    ...(meta.attempts !== undefined ? { attempts: meta.attempts } : {}),
    ...(meta.httpStatusCode !== undefined ? { httpStatus: meta.httpStatusCode } : {}),
  };
}

/** Refresh credentials this long before they expire. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * Caches resolved credentials until shortly before they expire; a failure is not cached, so fixing the
 * problem (e.g. `aws sso login`) and refreshing works without reloading the window.
 */
export function memoizeCredentials<T extends Credentials>(
  resolve: () => Promise<T>,
  now: () => number = Date.now,
): () => Promise<T> {
  let cached: Promise<T> | undefined;
  const fresh = (): Promise<T> => {
    const attempt = resolve();
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = undefined;
    });
    return attempt;
  };
  return async () => {
    const current = cached;
    if (!current) return fresh();
    const credentials = await current;
    const expiresAt = credentials.expiration?.getTime();
    if (expiresAt !== undefined && expiresAt - EXPIRY_MARGIN_MS <= now()) {
      // Concurrent callers share one refresh.
      return cached === current ? fresh() : (cached ?? fresh());
    }
    return credentials;
  };
}
