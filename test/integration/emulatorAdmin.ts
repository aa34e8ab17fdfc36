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

/**
 * Makes the emulator answer matching requests with the rule's fault, until cleared. The emulator is
 * the one whose URL is in the environment variable `urlVariable` (the demo estate's by default).
 */
export async function addFault(
  rule: FaultRuleJson,
  urlVariable: string = EMULATOR_URL_VARIABLE,
): Promise<void> {
  await admin('POST', '/__admin/faults/add', rule, urlVariable);
}

/** Removes every fault rule (of the emulator in `urlVariable`, the demo estate's by default). */
export async function clearFaults(urlVariable: string = EMULATOR_URL_VARIABLE): Promise<void> {
  await admin('DELETE', '/__admin/faults', undefined, urlVariable);
}

/**
 * Moves the emulator's clock forward: pending images and instances whose time has come settle
 * (the demo's pending items need 10 minutes). Time never goes back, for the rest of the run.
 */
export async function advanceEmulatorClock(ms: number): Promise<void> {
  await admin('POST', '/__admin/clock/advance', { ms });
}

async function admin(
  method: string,
  path: string,
  body?: unknown,
  urlVariable: string = EMULATOR_URL_VARIABLE,
): Promise<void> {
  const base = process.env[urlVariable];
  if (base === undefined) {
    throw new Error(`${urlVariable} is not set; run through runIntegrationTests.ts`);
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

/** A Recycle Bin retention rule as the emulator's admin route takes it. */
export interface RetentionRuleJson {
  readonly identifier: string;
  readonly resourceType: 'EC2_IMAGE' | 'EBS_SNAPSHOT';
  readonly retentionDays: number;
  readonly description?: string;
}

/** Replaces the demo account's Recycle Bin retention rules in a region. */
export async function setRecycleBinRules(
  region: string,
  rules: readonly RetentionRuleJson[],
): Promise<void> {
  await admin('PUT', '/__admin/recycle-bin/rules', { region, rules });
}
