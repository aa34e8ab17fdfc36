import { strict as assert } from 'node:assert';
import type { EC2Client as EC2ClientType } from '@aws-sdk/client-ec2';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
// The SDK's own reader, which parseXmlFast must match (a dependency of @aws-sdk/core).
import { parseXML } from '@aws-sdk/xml-builder';
import { parseXmlFast } from '../../src/core/aws/fastXml';
import { demoAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import type { MotoServer } from './support/motoServer';
import { motoAvailable, startMoto } from './support/motoServer';

/** A client that keeps the text of every answer it receives. */
function recordingClient(endpoint: string, accessKeyId: string): [EC2ClientType, string[]] {
  const bodies: string[] = [];
  const client = new EC2Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body: AsyncIterable<Uint8Array> | Uint8Array };
      const chunks: Uint8Array[] = [];
      if (response.body instanceof Uint8Array) chunks.push(response.body);
      else for await (const chunk of response.body) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      bodies.push(bytes.toString('utf8'));
      response.body = bytes;
      return result;
    },
    { step: 'deserialize', name: 'recordBody', priority: 'low' },
  );
  return [client, bodies];
}

/** Read requests of every shape the extension lists, and one EC2 refuses. */
async function readEverything(client: EC2ClientType): Promise<void> {
  await client.send(new DescribeRegionsCommand({ AllRegions: true }));
  await client.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  await client.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }));
  await client.send(new DescribeInstancesCommand({}));
  await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
  // An action the endpoint may not know: its error answer is read as well.
  await client.send(new DescribeVolumesCommand({})).catch(() => undefined);
  await client
    .send(new DescribeImagesCommand({ ImageIds: ['ami-0000000000000dead'] }))
    .catch(() => undefined);
}

describe("fastXml: real answers of the emulator and moto read exactly as the SDK's reader does", function () {
  this.timeout(60_000);
  let moto: MotoServer | undefined;
  let emulator: RunningEc2Emulator | undefined;

  after(async () => {
    await moto?.stop();
    await emulator?.close();
  });

  function check(bodies: string[]): void {
    assert.ok(bodies.length >= 7, `only ${bodies.length} answers`);
    for (const body of bodies) {
      const fast = parseXmlFast(body);
      assert.ok(fast, `left to the SDK: ${body.slice(0, 200)}`);
      assert.deepStrictEqual(fast.document, parseXML(body));
    }
  }

  it('the emulator (demo estate)', async () => {
    emulator = await startEc2Emulator({ seed: 'demo' });
    const [client, bodies] = recordingClient(emulator.url, demoAccessKeyId);
    await readEverything(client);
    check(bodies);
  });

  it('moto', async function () {
    if (!motoAvailable()) {
      console.log('      moto is not importable by python3 here: skipped');
      this.skip();
    }
    moto = await startMoto();
    const [client, bodies] = recordingClient(moto.url, 'AKIAMOTOTESTING00000');
    await readEverything(client);
    check(bodies);
  });
});
