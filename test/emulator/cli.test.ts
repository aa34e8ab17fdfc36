import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';

const cliPath = resolve(__dirname, '../ec2-emulator/cli.ts');

describe('emulator CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  });

  it('prints one line with its URL, serves the seed, and exits 0 on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', cliPath, '--port', '0', '--seed', 'scale:12', '--pending-ms', '10'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [line] = (await once(lines, 'line')) as [string];
    const url = /^EC2 emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    assert.ok(url, line);
    const client = new EC2Client({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAAMIEXPLORERDEMO1', secretAccessKey: 'x' },
    });
    const out = await client.send(new DescribeImagesCommand({ Owners: ['self'] }));
    assert.equal(out.Images?.length, 12);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });

  it('refuses an unknown seed with a message and exit code 1', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--seed', 'nope'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /unknown --seed nope/);
  });
});
