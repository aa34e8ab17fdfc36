import { EC2Client } from '@aws-sdk/client-ec2';
import { demoAccessKeyId } from '../../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../../ec2-emulator/startEc2Emulator';

/** Options for a test client. */
export interface TestClientOptions {
  readonly region?: string;
  readonly accessKeyId?: string;
  /** Default 1: tests assert single answers, not the SDK's retries, unless they say so. */
  readonly maxAttempts?: number;
}

/** A real SDK client pointed at the emulator, as the extension configures one. */
export function emulatorClient(
  emulator: RunningEc2Emulator,
  options: TestClientOptions = {},
): EC2Client {
  return new EC2Client({
    endpoint: emulator.url,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? demoAccessKeyId,
      secretAccessKey: 'any-secret',
    },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/** Runs `action` and returns the error it throws; fails the test if it does not throw. */
export async function errorOf(
  action: () => Promise<unknown>,
): Promise<
  Error & { $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number } }
> {
  try {
    await action();
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
