import type { EC2Client, Image, Instance } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';

/** The one image with this exact name visible to the client (deprecated and disabled included). */
export async function imageNamed(client: EC2Client, name: string): Promise<Image> {
  const out = await client.send(
    new DescribeImagesCommand({
      Filters: [{ Name: 'name', Values: [name] }],
      IncludeDeprecated: true,
      IncludeDisabled: true,
    }),
  );
  const images = out.Images ?? [];
  if (images.length !== 1 || !images[0]) {
    throw new Error(`expected one image named ${name}, found ${images.length}`);
  }
  return images[0];
}

/** The one instance whose Name tag is `name`. */
export async function instanceNamed(client: EC2Client, name: string): Promise<Instance> {
  const out = await client.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }),
  );
  const instances = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
  if (instances.length !== 1 || !instances[0]) {
    throw new Error(`expected one instance named ${name}, found ${instances.length}`);
  }
  return instances[0];
}
