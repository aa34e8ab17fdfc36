import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from '../faults/faultController';
import { parseFaultRule } from '../faults/faultRule';
import type { EmulatorClock } from '../state/emulatorClock';

/** Path prefix of the control routes; never a valid EC2 path, so it cannot clash with the API. */
export const adminPrefix = '/__admin/';

/** What the admin routes control. */
export interface AdminDeps {
  readonly faults: FaultController;
  readonly clock: EmulatorClock;
  /** EC2 requests being handled (see the dispatcher). */
  readonly activity?: { readonly pending: number };
}

/**
 * JSON control routes for callers in another process (e.g. an extension host under test):
 * - `GET /__admin/faults` → `{ rules }`
 * - `PUT|POST /__admin/faults` with `{ rules: FaultRule[] }` → replaces the rules
 * - `POST /__admin/faults/add` with a `FaultRule` → appends one rule
 * - `DELETE /__admin/faults` → clears the rules
 * - `POST /__admin/clock/advance` with `{ ms }` → moves emulator time forward
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
