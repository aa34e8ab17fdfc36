import { strict as assert } from 'node:assert';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  paginateDescribeImages,
} from '@aws-sdk/client-ec2';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { emulatorClient } from './support/emulatorClient';

async function estateFingerprint(emulator: RunningEc2Emulator): Promise<string[]> {
  const out: string[] = [];
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    const client = emulatorClient(emulator, { region });
    const images = await client.send(
      new DescribeImagesCommand({ IncludeDeprecated: true, IncludeDisabled: true }),
    );
    out.push(
      ...(images.Images ?? []).map((i) => `${region} ${i.ImageId} ${i.Name} ${i.CreationDate}`),
    );
    const instances = await client.send(new DescribeInstancesCommand({}));
    out.push(
      ...(instances.Reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .map((i) => `${region} ${i.InstanceId} ${i.ImageId}`),
    );
  }
  return out;
}

describe('seeds', () => {
  const running: RunningEc2Emulator[] = [];
  after(async () => {
    await Promise.all(running.map((e) => e.close()));
  });

  it('the demo estate is identical from run to run (ids come from the seeded generator)', async () => {
    const a = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    const b = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    running.push(a, b);
    const [fa, fb] = await Promise.all([estateFingerprint(a), estateFingerprint(b)]);
    // The deliberately pending items are created "now"; everything else has fixed past dates.
    const stable = (lines: string[]) =>
      lines.filter((l) => !l.includes('nightly-build-in-progress'));
    assert.ok(fa.length > 30);
    assert.deepEqual(stable(fa), stable(fb));
    const other = await startEc2Emulator({ seed: 'demo', randomSeed: 'another', pendingMs: 50 });
    running.push(other);
    assert.notDeepEqual(stable(await estateFingerprint(other)), stable(fa));
  });

  it('the empty seed has regions and accounts but no resources', async () => {
    const empty = await startEc2Emulator({ seed: 'empty' });
    running.push(empty);
    const client = emulatorClient(empty);
    assert.deepEqual((await client.send(new DescribeImagesCommand({}))).Images, []);
    assert.equal((await client.send(new DescribeRegionsCommand({}))).Regions?.length, 3);
  });

  it('the scale generator makes N images in each of R real regions, listable page by page', async () => {
    const scale = await startEc2Emulator({ seed: { scale: { imagesPerRegion: 120, regions: 3 } } });
    running.push(scale);
    const regions = (await emulatorClient(scale).send(new DescribeRegionsCommand({}))).Regions?.map(
      (r) => r.RegionName,
    );
    assert.deepEqual(regions, ['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    for (const region of regions ?? []) {
      let count = 0;
      let pages = 0;
      for await (const page of paginateDescribeImages(
        { client: emulatorClient(scale, { region }), pageSize: 50 },
        { Owners: ['self'] },
      )) {
        count += page.Images?.length ?? 0;
        pages++;
      }
      assert.equal(count, 120);
      assert.equal(pages, 3);
    }
    const instanceStore = await emulatorClient(scale).send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'root-device-type', Values: ['instance-store'] }],
      }),
    );
    assert.equal(instanceStore.Images?.length, 6);
  });
});
