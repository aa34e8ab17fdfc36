import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import { advanceEmulatorClock } from './emulatorAdmin';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';

/** The demo regions of account "me". */
export const DEMO_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

/** One of my images by exact name (any state but disabled), or undefined. */
export async function myImageNamed(
  region: string,
  name: string,
): Promise<Ec2Sdk.Image | undefined> {
  const sdk = ec2Sdk();
  const result = await ec2Client(region).send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: [name] }],
    }),
  );
  return result.Images?.[0];
}

/** Waits until EC2 says the image is available (new images need about 1.5 s of emulator time). */
export async function waitAvailable(region: string, imageId: string): Promise<Ec2Sdk.Image> {
  const sdk = ec2Sdk();
  await advanceEmulatorClock(2_000);
  return eventually(async () => {
    const result = await ec2Client(region).send(
      new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
    );
    const image = result.Images?.[0];
    if (image?.State !== 'available') throw new Error(`${imageId} is ${image?.State ?? 'missing'}`);
    return image;
  });
}

/** Arranges an AMI of mine, as another tool would: a copy of a demo image, waited for. */
export async function arrangeCopy(
  region: string,
  sourceName: string,
  name: string,
): Promise<Ec2Sdk.Image> {
  const sdk = ec2Sdk();
  const source = await myImageNamed('us-east-1', sourceName);
  if (!source?.ImageId) throw new Error(`no demo image ${sourceName}`);
  const { ImageId } = await ec2Client(region).send(
    new sdk.CopyImageCommand({
      SourceImageId: source.ImageId,
      SourceRegion: 'us-east-1',
      Name: name,
    }),
  );
  if (!ImageId) throw new Error('CopyImage returned no id');
  return waitAvailable(region, ImageId);
}

/**
 * Deregisters every image of mine whose name starts with `prefix` in the demo regions, with its
 * snapshots (protection disabled first), so later suites see the demo estate unchanged.
 */
export async function removeImagesNamed(prefix: string): Promise<void> {
  const sdk = ec2Sdk();
  for (const region of DEMO_REGIONS) {
    const client = ec2Client(region);
    const { Images = [] } = await client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        IncludeDisabled: true,
        Filters: [{ Name: 'name', Values: [`${prefix}*`] }],
      }),
    );
    // Later AMIs may share earlier ones' snapshots: deregister all first, then delete leftovers.
    const snapshots = new Set<string>();
    for (const image of Images) {
      if (!image.ImageId) continue;
      for (const d of image.BlockDeviceMappings ?? [])
        if (d.Ebs?.SnapshotId) snapshots.add(d.Ebs.SnapshotId);
      if (image.DeregistrationProtection?.startsWith('enabled')) {
        await client.send(
          new sdk.DisableImageDeregistrationProtectionCommand({ ImageId: image.ImageId }),
        );
      }
      await client.send(new sdk.DeregisterImageCommand({ ImageId: image.ImageId }));
    }
    for (const snapshotId of snapshots) {
      await client
        .send(new sdk.DeleteSnapshotCommand({ SnapshotId: snapshotId }))
        .catch(() => undefined);
    }
  }
}
