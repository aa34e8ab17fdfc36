import type { Tag } from '../model/ami';
import type { Ec2Caller } from './ec2Caller';

/**
 * The EC2 calls that change an existing AMI's tags, description and lifecycle (deprecation,
 * deregistration protection, disabled state). Each method is one API call and throws typed errors
 * (`AwsApiError`, `CredentialsError`, `CancelledError`).
 */
export class ImageLifecycleApi {
  constructor(private readonly caller: Ec2Caller) {}

  /** CreateTags: adds or overwrites `tags` on every resource (image and/or snapshot ids). */
  async createTags(
    region: string,
    resourceIds: readonly string[],
    tags: readonly Tag[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.caller.call(region, 'CreateTags', (client, sdk) =>
      client.send(
        new sdk.CreateTagsCommand({
          Resources: [...resourceIds],
          Tags: tags.map((t) => ({ Key: t.key, Value: t.value })),
        }),
        { abortSignal: signal },
      ),
    );
  }

  /**
   * DeleteTags by key (whatever the value). Refuses an empty key list: EC2 would then remove every
   * tag of the resources.
   */
  async deleteTags(
    region: string,
    resourceIds: readonly string[],
    keys: readonly string[],
    signal?: AbortSignal,
  ): Promise<void> {
    if (keys.length === 0) throw new Error('deleteTags needs at least one key');
    await this.caller.call(region, 'DeleteTags', (client, sdk) =>
      client.send(
        new sdk.DeleteTagsCommand({
          Resources: [...resourceIds],
          Tags: keys.map((key) => ({ Key: key })),
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** ModifyImageAttribute with `Description.Value`. */
  async setDescription(
    region: string,
    imageId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.caller.call(region, 'ModifyImageAttribute', (client, sdk) =>
      client.send(
        new sdk.ModifyImageAttributeCommand({
          ImageId: imageId,
          Description: { Value: description },
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** EnableImageDeprecation at `deprecateAt` (EC2 rounds it to the minute). */
  async enableDeprecation(
    region: string,
    imageId: string,
    deprecateAt: Date,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.caller.call(region, 'EnableImageDeprecation', (client, sdk) =>
      client.send(
        new sdk.EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: deprecateAt }),
        { abortSignal: signal },
      ),
    );
  }

  /** DisableImageDeprecation: removes the deprecation time. */
  async disableDeprecation(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.caller.call(region, 'DisableImageDeprecation', (client, sdk) =>
      client.send(new sdk.DisableImageDeprecationCommand({ ImageId: imageId }), {
        abortSignal: signal,
      }),
    );
  }

  /** EnableImageDeregistrationProtection, with or without the 24-hour cooldown. */
  async enableDeregistrationProtection(
    region: string,
    imageId: string,
    withCooldown: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.caller.call(region, 'EnableImageDeregistrationProtection', (client, sdk) =>
      client.send(
        new sdk.EnableImageDeregistrationProtectionCommand({
          ImageId: imageId,
          WithCooldown: withCooldown,
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** DisableImageDeregistrationProtection (a cooldown, if any, then starts). */
  async disableDeregistrationProtection(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.caller.call(region, 'DisableImageDeregistrationProtection', (client, sdk) =>
      client.send(new sdk.DisableImageDeregistrationProtectionCommand({ ImageId: imageId }), {
        abortSignal: signal,
      }),
    );
  }

  /** DisableImage: the AMI becomes `disabled` and loses every launch permission. */
  async disableImage(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.caller.call(region, 'DisableImage', (client, sdk) =>
      client.send(new sdk.DisableImageCommand({ ImageId: imageId }), { abortSignal: signal }),
    );
  }

  /** EnableImage: back to `available`; launch permissions are not restored. */
  async enableImage(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.caller.call(region, 'EnableImage', (client, sdk) =>
      client.send(new sdk.EnableImageCommand({ ImageId: imageId }), { abortSignal: signal }),
    );
  }
}
