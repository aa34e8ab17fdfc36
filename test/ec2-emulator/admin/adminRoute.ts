import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from '../faults/faultController';
import { parseFaultRule } from '../faults/faultRule';
import type { Ec2Store } from '../state/ec2Store';
import type { EmulatorClock } from '../state/emulatorClock';
import type { RetentionRuleRecord } from '../state/imageGovernance';

/** Path prefix of the control routes; never a valid EC2 path, so it cannot clash with the API. */
export const adminPrefix = '/__admin/';

/** What the admin routes control. */
export interface AdminDeps {
  readonly faults: FaultController;
  readonly clock: EmulatorClock;
  /** EC2 requests being handled (see the dispatcher). */
  readonly activity?: { readonly pending: number };
  /** Emulator state the admin routes may set (Recycle Bin retention rules). */
  readonly store?: Ec2Store;
}

function parseRetentionRule(value: unknown): RetentionRuleRecord {
  const r = value as Partial<RetentionRuleRecord> | undefined;
  if (
    typeof r?.identifier !== 'string' ||
    (r.resourceType !== 'EC2_IMAGE' && r.resourceType !== 'EBS_SNAPSHOT') ||
    typeof r.retentionDays !== 'number' ||
    !(r.retentionDays >= 1 && r.retentionDays <= 365)
  ) {
    throw new Error(
      'a rule is { identifier, resourceType: "EC2_IMAGE" | "EBS_SNAPSHOT", retentionDays: 1–365, description? }',
    );
  }
  return {
    identifier: r.identifier,
    resourceType: r.resourceType,
    retentionDays: r.retentionDays,
    ...(typeof r.description === 'string' ? { description: r.description } : {}),
  };
}

/**
 * JSON control routes for callers in another process (e.g. an extension host under test):
 * - `GET /__admin/faults` → `{ rules }`
 * - `PUT|POST /__admin/faults` with `{ rules: FaultRule[] }` → replaces the rules
 * - `POST /__admin/faults/add` with a `FaultRule` → appends one rule
 * - `DELETE /__admin/faults` → clears the rules
 * - `POST /__admin/clock/advance` with `{ ms }` → moves emulator time forward
 * - `PUT /__admin/recycle-bin/rules` with `{ region, accountId?, rules: [{ identifier, resourceType,
 *   retentionDays, description? }] }` → replaces the account's Recycle Bin retention rules in the
 *   region (`accountId` defaults to the demo account); `GET …/rules?region=&accountId=` reads them
 * - `GET /__admin/health` → `{ ok: true, pending }`: `pending` counts EC2 requests still being
 *   handled (e.g. in injected latency), so a caller can wait until every change has landed
 */
export async function handleAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: AdminDeps,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  try {
    const body = await readJson(req);
    if (path === '/__admin/health' && req.method === 'GET') {
      return sendJson(res, 200, { ok: true, pending: deps.activity?.pending ?? 0 });
    }
    if (path === '/__admin/faults') {
      if (req.method === 'GET') {
        return sendJson(res, 200, { rules: deps.faults.list() });
      }
      if (req.method === 'DELETE') {
        deps.faults.clear();
        return sendJson(res, 200, { rules: [] });
      }
      if (req.method === 'PUT' || req.method === 'POST') {
        const rules = (body as { rules?: unknown } | undefined)?.rules;
        if (!Array.isArray(rules)) {
          throw new Error('body must be { "rules": [ … ] }');
        }
        deps.faults.set(rules.map(parseFaultRule));
        return sendJson(res, 200, { rules: deps.faults.list() });
      }
    }
    if (path === '/__admin/faults/add' && req.method === 'POST') {
      deps.faults.add(parseFaultRule(body));
      return sendJson(res, 200, { rules: deps.faults.list() });
    }
    if (path === '/__admin/recycle-bin/rules' && deps.store) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const b = (body ?? {}) as { region?: unknown; accountId?: unknown; rules?: unknown };
      const region = req.method === 'GET' ? query.get('region') : b.region;
      const accountId =
        (req.method === 'GET' ? query.get('accountId') : b.accountId) ?? '111111111111';
      if (typeof region !== 'string' || typeof accountId !== 'string') {
        throw new Error('region (and optionally accountId) must be strings');
      }
      if (req.method === 'PUT' || req.method === 'POST') {
        if (!Array.isArray(b.rules)) {
          throw new Error('body must be { "region": "…", "rules": [ … ] }');
        }
        deps.store.setRetentionRules(accountId, region, b.rules.map(parseRetentionRule));
      }
      return sendJson(res, 200, { rules: deps.store.retentionRulesFor(accountId, region) });
    }
    if (path === '/__admin/clock/advance' && req.method === 'POST') {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new Error('body must be { "ms": <non-negative number> }');
      }
      deps.clock.advance(ms);
      return sendJson(res, 200, { now: new Date(deps.clock.now()).toISOString() });
    }
    return sendJson(res, 404, { error: `no admin route ${req.method ?? ''} ${path}` });
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}
