import type { Tag } from '../model/ami';
import type { Ec2 } from './ec2';
import { toSdkTags } from './mappers';

/**
 * Tags on any EC2 resource (images, snapshots…). Each method is one call and throws
 * `AwsApiError`, `CredentialsError` or `CancelledError`.
 */
export class Tags {
  constructor(private readonly ec2: Ec2) {}

  /** CreateTags: adds or overwrites `tags` on every resource. */
  async create(
    region: string,
    resourceIds: readonly string[],
    tags: readonly Tag[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'CreateTags',
      { Resources: [...resourceIds], Tags: toSdkTags(tags) },
      signal,
    );
  }

  /**
   * DeleteTags by key (whatever the value). Refuses an empty key list: EC2 would then remove every
   * tag of the resources.
   */
  async delete(
    region: string,
    resourceIds: readonly string[],
    keys: readonly string[],
    signal?: AbortSignal,
  ): Promise<void> {
    if (keys.length === 0) throw new Error('deleteTags needs at least one key');
    await this.ec2.send(
      region,
      'DeleteTags',
      { Resources: [...resourceIds], Tags: keys.map((key) => ({ Key: key })) },
      signal,
    );
  }
}
