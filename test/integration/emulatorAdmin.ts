import { EMULATOR_URL_VARIABLE } from './integrationSetup';

/** A fault rule as the emulator's admin route takes it (see test/ec2-emulator/faults). */
export interface FaultRuleJson {
  readonly region?: string;
  readonly action?: string;
  readonly latencyMs?: number;
  readonly error?: { readonly code: string; readonly message?: string; readonly status?: number };
  /** Run the action, then close the connection without answering (a lost answer). */
  readonly dropAfterApply?: { readonly rate?: number };
  /** Run the action, then never answer (a request still under way, as far as the caller knows). */
  readonly hangAfterApply?: { readonly rate?: number };
  /** Apply the rule to at most this many requests. */
  readonly times?: number;
}

/** Makes the emulator answer matching requests with the rule's fault, until cleared. */
export async function addFault(rule: FaultRuleJson): Promise<void> {
  await admin('POST', '/__admin/faults/add', rule);
}

/** Removes every fault rule. */
export async function clearFaults(): Promise<void> {
  await admin('DELETE', '/__admin/faults');
}

/**
 * Moves the emulator's clock forward: pending images and instances whose time has come settle
 * (the demo's pending items need 10 minutes). Time never goes back, for the rest of the run.
 */
export async function advanceEmulatorClock(ms: number): Promise<void> {
  await admin('POST', '/__admin/clock/advance', { ms });
}

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const base = process.env[EMULATOR_URL_VARIABLE];
  if (base === undefined) {
    throw new Error(`${EMULATOR_URL_VARIABLE} is not set; run through runIntegrationTests.ts`);
  }
  const response = await fetch(new URL(path, base), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    throw new Error(
      `emulator admin ${method} ${path}: HTTP ${response.status} ${await response.text()}`,
    );
  }
}
