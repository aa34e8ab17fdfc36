import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorWorld } from '../state/emulatorWorld';
import { parseCredentialScope } from './credentialScope';
import { Ec2Error } from './ec2Error';

/** The one Recycle Bin (`rbin`, REST-JSON) route the emulator serves on the EC2 port. */
export const rbinListRulesPath = '/list-rules';

function sendJson(res: ServerResponse, status: number, value: unknown, errorType?: string): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `rbin` ListRules (POST /list-rules, JSON, SigV4 with service `rbin`): the caller's retention
 * rules in the region of the credential scope for one resource type, as the Recycle Bin API
 * answers them (`Rules[]` with Identifier, Description, RetentionPeriod, LockState, RuleArn).
 * Errors use REST-JSON's `x-amzn-ErrorType` header. Tag conditions are not modelled.
 */
export async function handleRbinListRules(
  req: IncomingMessage,
  res: ServerResponse,
  world: EmulatorWorld,
): Promise<void> {
  const text = await readBody(req);
  const scope = parseCredentialScope(req.headers.authorization);
  if (!scope || scope.service !== 'rbin') {
    sendJson(
      res,
      403,
      { message: 'Missing or invalid SigV4 credential scope for service rbin' },
      'UnrecognizedClientException',
    );
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { message: 'ListRules takes POST' }, 'ValidationException');
    return;
  }
  let caller;
  try {
    caller = world.accounts.callerFor(scope.accessKeyId);
    world.regions.assertCallable(scope.region);
  } catch (error) {
    const message = error instanceof Ec2Error ? error.message : 'Unrecognized client';
    sendJson(res, 403, { message }, 'UnrecognizedClientException');
    return;
  }
  let body: { ResourceType?: unknown; MaxResults?: unknown; NextToken?: unknown };
  try {
    body = text.trim() === '' ? {} : (JSON.parse(text) as typeof body);
  } catch {
    sendJson(res, 400, { message: 'Request body is not valid JSON' }, 'ValidationException');
    return;
  }
  const type = body.ResourceType;
  if (type !== 'EC2_IMAGE' && type !== 'EBS_SNAPSHOT') {
    sendJson(
      res,
      400,
      {
        message: `1 validation error detected: Value '${String(type)}' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [EBS_SNAPSHOT, EC2_IMAGE]`,
        Reason: 'INVALID_VALUE',
      },
      'ValidationException',
    );
    return;
  }
  const accountId = caller.account.accountId;
  const rules = world.store
    .retentionRulesFor(accountId, scope.region)
    .filter((r) => r.resourceType === type)
    .map((r) => ({
      Identifier: r.identifier,
      ...(r.description !== undefined ? { Description: r.description } : {}),
      RetentionPeriod: { RetentionPeriodValue: r.retentionDays, RetentionPeriodUnit: 'DAYS' },
      LockState: 'unlocked',
      RuleArn: `arn:aws:rbin:${scope.region}:${accountId}:rule/${r.identifier}`,
    }));
  sendJson(res, 200, { Rules: rules });
}
