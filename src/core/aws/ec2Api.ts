import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Ami, LaunchPermission } from '../model/ami';
import type { Ec2Instance } from '../model/instance';
import type { DescribeImagesParams } from '../model/scope';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2ClientFactory } from './clientFactory';
import { Ec2Caller, eachPage, throwIfAborted } from './ec2Caller';
import type { Sdk } from './loadSdk';
import { toAmi, toInstance, toLaunchPermissions } from './mappers';

/** A region as DescribeRegions reports it. */
export interface RegionInfo {
  name: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  optInStatus?: string;
}

/** DescribeImages accepts at most this many ids per call (well below the URL/body limits). */
const IDS_PER_CALL = 200;

/**
 * The EC2 calls AMI Explorer makes, with pagination, AbortSignals and typed errors. Every method
 * throws `AwsApiError`, `CredentialsError` or `CancelledError`, never a raw SDK error.
 */
export class Ec2Api {
  private readonly caller: Ec2Caller;

  constructor(clients: Ec2ClientFactory, profile: () => string | undefined) {
    this.caller = new Ec2Caller(clients, profile);
  }

  /** Lists images with the given scope parameters, following NextToken to the last page. */
  async describeImages(
    region: string,
    params: DescribeImagesParams,
    signal?: AbortSignal,
  ): Promise<Ami[]> {
    return this.call(region, 'DescribeImages', async (client, sdk) => {
      const images: Ami[] = [];
      await eachPage(
        signal,
        (nextToken) =>
          client.send(
            new sdk.DescribeImagesCommand({
              ...params,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
            { abortSignal: signal },
          ),
        (page) => {
          for (const image of page.Images ?? []) images.push(toAmi(image, region));
        },
      );
      return images;
    });
  }

  /**
   * The caller's own images with exactly this name, deprecated and disabled ones included (EC2
   * refuses a second image of the same name in a region, whatever its state).
   */
  describeOwnImagesNamed(region: string, name: string, signal?: AbortSignal): Promise<Ami[]> {
    return this.describeImages(
      region,
      {
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [name] }],
        IncludeDeprecated: true,
        IncludeDisabled: true,
        MaxResults: LIST_PAGE_SIZE,
      },
      signal,
    );
  }

  /**
   * Describes images by id, whatever their owner, state, deprecation or disabled status. EC2 refuses
   * MaxResults together with ImageIds, so ids are sent in chunks instead.
   */
  async describeImagesById(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Ami[]> {
    if (imageIds.length === 0) return [];
    return this.call(region, 'DescribeImages', async (client, sdk) => {
      const images: Ami[] = [];
      for (let i = 0; i < imageIds.length; i += IDS_PER_CALL) {
        throwIfAborted(signal);
        const page = await client.send(
          new sdk.DescribeImagesCommand({
            ImageIds: imageIds.slice(i, i + IDS_PER_CALL),
            IncludeDeprecated: true,
            IncludeDisabled: true,
          }),
          { abortSignal: signal },
        );
        for (const image of page.Images ?? []) images.push(toAmi(image, region));
      }
      return images;
    });
  }

  /** The image's launch permissions (only its owner may read them). */
  async describeLaunchPermissions(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<LaunchPermission[]> {
    return this.call(region, 'DescribeImageAttribute', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
        { abortSignal: signal },
      );
      return toLaunchPermissions(result.LaunchPermissions);
    });
  }

  /**
   * The regions enabled for the account, asked in `homeRegion`; with `allRegions`, also those that
   * are not (with their opt-in status).
   */
  async describeRegions(
    homeRegion: string,
    signal?: AbortSignal,
    allRegions = false,
  ): Promise<RegionInfo[]> {
    return this.call(homeRegion, 'DescribeRegions', async (client, sdk) => {
      const result = await client.send(new sdk.DescribeRegionsCommand({ AllRegions: allRegions }), {
        abortSignal: signal,
      });
      return (result.Regions ?? []).flatMap((r) =>
        r.RegionName
          ? [{ name: r.RegionName, ...(r.OptInStatus ? { optInStatus: r.OptInStatus } : {}) }]
          : [],
      );
    });
  }

  /** Lists instances (all but terminated), following NextToken; or the given ids. */
  async describeInstances(
    region: string,
    signal?: AbortSignal,
    instanceIds?: readonly string[],
  ): Promise<Ec2Instance[]> {
    // EC2 reads an empty id list as "every instance", terminated ones included.
    if (instanceIds && instanceIds.length === 0) return [];
    return this.call(region, 'DescribeInstances', async (client, sdk) => {
      const instances: Ec2Instance[] = [];
      let nextToken: string | undefined;
      do {
        throwIfAborted(signal);
        const page = await client.send(
          new sdk.DescribeInstancesCommand(
            instanceIds
              ? { InstanceIds: [...instanceIds] }
              : {
                  MaxResults: LIST_PAGE_SIZE,
                  Filters: [
                    {
                      Name: 'instance-state-name',
                      Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
                    },
                  ],
                  ...(nextToken ? { NextToken: nextToken } : {}),
                },
          ),
          { abortSignal: signal },
        );
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            instances.push(toInstance(instance, region));
          }
        }
        nextToken = instanceIds ? undefined : page.NextToken;
      } while (nextToken);
      return instances;
    });
  }

  /** Resolves the active credentials, so a missing or expired login is found before any listing. */
  checkCredentials(): Promise<{ accountId?: string }> {
    return this.caller.checkCredentials();
  }

  private call<T>(
    region: string,
    action: string,
    run: (client: EC2Client, sdk: Sdk) => Promise<T>,
  ): Promise<T> {
    return this.caller.call(region, action, run);
  }
}
