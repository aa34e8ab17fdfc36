import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Ec2ClientFactory } from '../src/core/aws/clientFactory';
import { Ec2 } from '../src/core/aws/ec2';
import { Images } from '../src/core/aws/images';

/**
 * What the benchmarks share: the local EC2 endpoint in a child process (so its work and memory are
 * not counted), and the endpoint's demo credentials instead of the machine's AWS configuration, so
 * a benchmark runs as it is on a fresh clone.
 */
export const DEMO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAAMIEXPLORERDEMO1',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_REGION: 'us-east-1',
} as const;

/** Starts `test/ec2-emulator/cli.ts` on a free port with these extra arguments (`--seed demo`…). */
export async function startEndpoint(
  args: readonly string[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/ec2-emulator/cli.ts', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8');
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const url = /https?:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    if (url) return { url, child };
  }
  throw new Error(`the endpoint did not start: ${output}`);
}

export async function stopEndpoint(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/**
 * Makes the AWS SDK in this process use the demo credentials and nothing of the machine's
 * (profiles, config files, instance metadata).
 */
export function useDemoCredentials(): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, DEMO_CREDENTIALS, {
    AWS_CONFIG_FILE: '/nonexistent/ami-explorer-bench-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/ami-explorer-bench-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}

/**
 * The extension's EC2 layer against `endpointUrl` with generous timeouts (a benchmark measures,
 * it does not give up), no logging: the client factory, the `Ec2` and its `Images`.
 */
export function benchImages(endpointUrl: string): {
  clients: Ec2ClientFactory;
  ec2: Ec2;
  images: Images;
} {
  const clients = new Ec2ClientFactory(
    () => ({ endpointUrl, requestTimeoutMs: 60_000, connectionTimeoutMs: 10_000, maxAttempts: 5 }),
    { apiCall: () => undefined },
  );
  const ec2 = new Ec2(clients, () => undefined);
  return { clients, ec2, images: new Images(ec2) };
}
