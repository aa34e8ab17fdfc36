import { AwsApiError, CancelledError, isCancellation } from '../model/errors';
import type { RetentionRule } from '../model/recycleBin';
import type { SigningContext } from './clientFactory';
import { loadSdk } from './loadSdk';
import { Sha256 } from './sha256';
import * as l10n from '@vscode/l10n';

/** Where ListRules requests get their credentials and endpoint (the EC2 client factory). */
export interface RbinSigning {
  signingContext(): Promise<SigningContext>;
}

/** The resource types Recycle Bin retention rules apply to. */
export type RetentionResourceType = 'EC2_IMAGE' | 'EBS_SNAPSHOT';

interface RuleSummaryJson {
  Identifier?: string;
  Description?: string;
  RetentionPeriod?: { RetentionPeriodValue?: number; RetentionPeriodUnit?: string };
  LockState?: string;
  RuleArn?: string;
}

/**
 * The Recycle Bin's ListRules (service `rbin`, REST-JSON: POST /list-rules), signed with SigV4 and
 * the credentials the EC2 clients use. The EC2 client cannot make this call, and the rbin SDK
 * client is not a dependency: one small signed request is all that is needed. The signer is
 * loaded with the SDK chunk, on first use.
 */
export class RecycleBinRules {
  constructor(
    private readonly signing: RbinSigning,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** The retention rules of the account in `region` for one resource type (all pages). */
  async list(
    region: string,
    resourceType: RetentionResourceType,
    signal?: AbortSignal,
  ): Promise<RetentionRule[]> {
    const rules: RetentionRule[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.page(region, resourceType, nextToken, signal);
      for (const r of page.Rules ?? []) {
        const days = r.RetentionPeriod?.RetentionPeriodValue;
        if (!r.Identifier || days === undefined) continue;
        rules.push({
          identifier: r.Identifier,
          retentionDays: days,
          ...(r.Description ? { description: r.Description } : {}),
          ...(r.LockState ? { lockState: r.LockState } : {}),
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return rules;
  }

  private async page(
    region: string,
    resourceType: RetentionResourceType,
    nextToken: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ Rules?: RuleSummaryJson[]; NextToken?: string }> {
    const context = { region, action: 'ListRules' };
    const [sdk, s] = await Promise.all([loadSdk(), this.signing.signingContext()]);
    const base = s.endpointUrl ?? `https://rbin.${region}.amazonaws.com`;
    const url = new URL('/list-rules', base.endsWith('/') ? base : `${base}/`);
    const payload = JSON.stringify({
      ResourceType: resourceType,
      MaxResults: 1000,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    const signer = new sdk.SignatureV4({
      service: 'rbin',
      region,
      sha256: Sha256,
      credentials: s.credentials,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body: payload,
    });
    const timeout = AbortSignal.timeout(s.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body: payload,
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted || isCancellation(error)) throw new CancelledError();
      const timedOut = timeout.aborted;
      throw new AwsApiError(
        timedOut ? 'TimeoutError' : 'NetworkError',
        timedOut
          ? l10n.t('The Recycle Bin did not answer ListRules in {0} in time.', region)
          : l10n.t('Could not reach the Recycle Bin in {0}.', region),
        context,
        {},
        { cause: error },
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok || typeof json !== 'object' || json === null) {
      const type = (res.headers.get('x-amzn-errortype') ?? '').split(':')[0] ?? '';
      const body = (json ?? {}) as { message?: string; Message?: string };
      const awsMessage = body.message ?? body.Message;
      const code = type || `HTTP${res.status}`;
      const denied =
        res.status === 403 || /AccessDenied|Unauthorized|UnrecognizedClient/.test(code);
      throw new AwsApiError(
        code,
        denied
          ? l10n.t(
              "You are not allowed to list the Recycle Bin's retention rules in {0} (rbin:ListRules).",
              region,
            )
          : l10n.t(
              'The Recycle Bin could not list its retention rules in {0} (HTTP {1}).',
              region,
              res.status,
            ),
        context,
        { httpStatus: res.status, ...(awsMessage ? { awsMessage } : {}) },
      );
    }
    return json;
  }
}
