import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { actionTable } from '../actions/actionTable';
import type { FaultController } from '../faults/faultController';
import type { ForeignBody } from '../faults/faultRule';
import type { Sleeper } from '../faults/sleeper';
import type { EmulatorWorld } from '../state/emulatorWorld';
import { parseCredentialScope } from './credentialScope';
import { Ec2Error, unauthorizedOperation } from './ec2Error';
import { QueryInput, parseQueryParameters } from './queryInput';
import { errorDocument, sendXml, successDocument } from './responseWriter';

/** Requests larger than this are refused before parsing (EC2 has a similar cap on query size). */
const maxBodyBytes = 1024 * 1024;

/** What the dispatcher needs from the running emulator. */
export interface DispatcherDeps {
  readonly world: EmulatorWorld;
  readonly faults: FaultController;
  readonly sleeper: Sleeper;
  /** Called with unexpected (non-EC2) errors, which are answered as InternalError. */
  readonly onInternalError?: (error: unknown) => void;
  /**
   * Counts requests being handled: received, and not yet answered, refused or lost after their
   * action ran (e.g. during injected latency). A request whose answer is held (`hangAfterApply`)
   * no longer counts: its action has run.
   */
  readonly activity?: { pending: number };
}

/**
 * Answers one EC2 Query API request: authenticate from the SigV4 credential scope, check the
 * region, apply injected faults, run the action, and write EC2's success or error envelope.
 * Never throws: every failure becomes an EC2 error response.
 */
export async function dispatchEc2Request(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DispatcherDeps,
): Promise<void> {
  const requestId = randomUUID();
  if (deps.activity) deps.activity.pending++;
  try {
    await dispatch(req, res, deps, requestId);
  } finally {
    if (deps.activity) deps.activity.pending--;
  }
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DispatcherDeps,
  requestId: string,
): Promise<void> {
  let slowBody: { chunkDelayMs: number; chunks: number } | undefined;
  let afterApply: 'drop' | 'hang' | undefined;
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = parseQueryParameters(url.search, body);
    const input = QueryInput.of(params);

    const scope =
      parseCredentialScope(req.headers.authorization) ??
      parseCredentialScope(credentialFromQuery(params.get('X-Amz-Credential')));
    if (!scope) {
      throw new Ec2Error(
        'MissingAuthenticationToken',
        'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
        401,
      );
    }
    const action = params.get('Action');
    if (action === undefined || action === '') {
      throw new Ec2Error('MissingAction', 'The request must contain the parameter Action');
    }
    const caller = deps.world.accounts.callerFor(scope.accessKeyId);
    deps.world.regions.assertCallable(scope.region);
    const spec = actionTable.get(action);
    if (!spec) {
      throw new Ec2Error(
        'InvalidAction',
        `The action ${action} is not valid for this web service.`,
      );
    }

    const now = deps.world.clock.now();
    const plan = deps.faults.plan({
      action,
      region: scope.region,
      accountId: caller.account.accountId,
      filteredOrPaginated: input.has('Filter') || input.has('MaxResults') || input.has('NextToken'),
      now,
    });
    await deps.sleeper.sleep(plan.latencyMs);
    if (plan.dropConnection) {
      req.socket.destroy();
      return;
    }
    slowBody = plan.slowBody;
    if (plan.error) {
      throw plan.error;
    }
    if (plan.foreignAnswer) {
      sendForeignAnswer(res, plan.foreignAnswer.status, plan.foreignAnswer.body);
      return;
    }
    afterApply = plan.afterApply;
    if (spec.mutating && caller.readOnly) {
      throw unauthorizedOperation();
    }
    if (input.boolean('DryRun') === true) {
      throw new Ec2Error(
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
        412,
      );
    }
    const children = spec.handler({
      input,
      caller,
      region: scope.region,
      world: deps.world,
      now: deps.world.clock.now(),
    });
    if (loseAnswer(req, afterApply)) {
      return;
    }
    await sendXml(
      res,
      200,
      successDocument(action, requestId, children),
      requestId,
      deps.sleeper,
      slowBody,
    );
  } catch (error) {
    if (error instanceof Ec2Error) {
      // The action ran (and failed): its answer is lost like any other.
      if (loseAnswer(req, afterApply)) {
        return;
      }
      await sendXml(
        res,
        error.status,
        errorDocument(error.code, error.message, requestId),
        requestId,
        deps.sleeper,
        slowBody,
      );
      return;
    }
    deps.onInternalError?.(error);
    await sendXml(
      res,
      500,
      errorDocument('InternalError', 'An internal error has occurred', requestId),
      requestId,
      deps.sleeper,
    );
  }
}

/**
 * Loses the answer of an action that has run: `drop` destroys the connection, `hang` leaves it
 * open without a word (the caller's timeout, or the emulator closing, ends it).
 */
function loseAnswer(req: IncomingMessage, afterApply: 'drop' | 'hang' | undefined): boolean {
  if (afterApply === 'drop') {
    req.socket.destroy();
    return true;
  }
  return afterApply === 'hang';
}

/** An answer that is not EC2's: what a proxy, a gateway or an endpoint without the action sends. */
function sendForeignAnswer(res: ServerResponse, status: number, body: ForeignBody): void {
  const [contentType, text] =
    body === 'html'
      ? [
          'text/html; charset=utf-8',
          // Not well-formed (as many real error pages are not): <title> is never closed.
          `<!DOCTYPE html>\n<html><head><title>${status} Error</head><body><h1>${status} Error</h1><p>The server could not handle the request.<br></body></html>\n`,
        ]
      : body === 'truncated'
        ? [
            'text/xml;charset=UTF-8',
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>Internal',
          ]
        : ['text/plain', ''];
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function credentialFromQuery(credential: string | undefined): string | undefined {
  return credential === undefined ? undefined : `AWS4-HMAC-SHA256 Credential=${credential}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Ec2Error('MalformedQueryString', 'The request is too large.'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
