import type { EC2Client } from '@aws-sdk/client-ec2';
import { throwIfAborted } from '../model/errors';
import type { Ec2ClientFactory } from './clientFactory';
import { toTypedError } from './errorMapping';
import type { Sdk } from './loadSdk';
import { loadSdk } from './loadSdk';

/**
 * Runs one logical EC2 operation in a region with the region's client and the lazily loaded SDK,
 * and turns whatever it throws into a typed error (`AwsApiError`, `CredentialsError`,
 * `CancelledError`). Every EC2 API class goes through it.
 */
export class Ec2Caller {
  constructor(
    private readonly clients: Ec2ClientFactory,
    private readonly profile: () => string | undefined,
  ) {}

  async call<T>(
    region: string,
    action: string,
    run: (client: EC2Client, sdk: Sdk) => Promise<T>,
  ): Promise<T> {
    try {
      const [client, sdk] = await Promise.all([this.clients.client(region), loadSdk()]);
      return await run(client, sdk);
    } catch (error) {
      throw toTypedError(error, callContext(region, action, this.profile()));
    }
  }

  /** Resolves the active credentials, so a missing or expired login is found before any call. */
  async checkCredentials(): Promise<{ accountId?: string }> {
    try {
      return await this.clients.resolveCredentials();
    } catch (error) {
      throw toTypedError(error, callContext(undefined, undefined, this.profile()));
    }
  }
}

function callContext(region?: string, action?: string, profile?: string) {
  return {
    ...(region ? { region } : {}),
    ...(action ? { action } : {}),
    ...(profile ? { profile } : {}),
  };
}

export { throwIfAborted } from '../model/errors';

/**
 * Follows NextToken from the first page to the last: `fetch` asks for one page (with the token, if
 * any), `onPage` takes what it holds. The signal is checked before every page.
 */
export async function eachPage<P extends { NextToken?: string | undefined }>(
  signal: AbortSignal | undefined,
  fetch: (nextToken: string | undefined) => Promise<P>,
  onPage: (page: P) => void,
): Promise<void> {
  let nextToken: string | undefined;
  do {
    throwIfAborted(signal);
    const page = await fetch(nextToken);
    onPage(page);
    nextToken = page.NextToken;
  } while (nextToken);
}
