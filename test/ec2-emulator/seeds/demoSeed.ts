import type { EmulatorWorld } from '../state/emulatorWorld';
import type { RetentionRuleRecord } from '../state/imageGovernance';
import type { ImageRecord } from '../state/imageRecord';
import { defaultEbsKeyArn, keyArn } from '../state/kmsKeys';
import { addEbsImage, addInstance, addInstanceStoreImage } from '../state/resourceFactory';
import {
  amazonAccountId,
  demoAccountId,
  demoOrganizationArn,
  demoPlatformOuArn,
  marketplaceAccountId,
  partnerAccountId,
} from './demoAccounts';

/** The demo's Recycle Bin retention rules in us-east-1 (tests put them back after changing them). */
export const demoRetentionRules: readonly RetentionRuleRecord[] = [
  {
    identifier: 'demoimgrule01',
    resourceType: 'EC2_IMAGE',
    retentionDays: 14,
    description: 'Keep deregistered AMIs for 14 days',
  },
  {
    identifier: 'demosnaprule1',
    resourceType: 'EBS_SNAPSHOT',
    retentionDays: 14,
    description: 'Keep deleted snapshots for 14 days',
  },
];

/** How long the demo's pending image and pending instance stay pending: long enough for UI tests. */
export const demoLongPendingMs = 10 * 60 * 1000;

/** Customer-managed KMS keys of the demo account (fixed ids, so tests can name them). */
export const demoKmsKeys = {
  dataUsEast1: keyArn(demoAccountId, 'us-east-1', '1a2b3c4d-1111-4a4a-8b8b-0000000000a1'),
  logsUsEast1: keyArn(demoAccountId, 'us-east-1', '1a2b3c4d-2222-4b4b-9c9c-0000000000b2'),
  dataEuWest1: keyArn(demoAccountId, 'eu-west-1', '1a2b3c4d-3333-4c4c-8d8d-0000000000c3'),
} as const;

/** Fixed creation dates in the past keep the estate identical from run to run. */
const at = (isoDate: string): number => Date.parse(isoDate);

const amazonImageNames = [
  { name: 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64', arch: 'x86_64' },
  { name: 'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64', arch: 'arm64' },
  { name: 'al2023-ami-minimal-2023.6.20241010.0-kernel-6.1-x86_64', arch: 'x86_64' },
] as const;

function seedAmazonImages(world: EmulatorWorld, region: string): void {
  for (const { name, arch } of amazonImageNames) {
    addEbsImage(world, {
      region,
      ownerId: amazonAccountId,
      name,
      description: `Amazon Linux 2023 AMI 2023.6.20241010.0 ${arch} HVM kernel-6.1`,
      architecture: arch,
      createdAt: at('2024-10-11T19:49:16.000Z'),
      imageLocation: `amazon/${name}`,
      bootMode: 'uefi-preferred',
      imdsSupport: 'v2.0',
      volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
      launchPermissions: [{ group: 'all' }],
      publicSnapshots: true,
    });
  }
  addEbsImage(world, {
    region,
    ownerId: amazonAccountId,
    name: 'Windows_Server-2022-English-Full-Base-2024.10.09',
    description: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
    platform: 'windows',
    createdAt: at('2024-10-09T21:32:54.000Z'),
    imageLocation: 'amazon/Windows_Server-2022-English-Full-Base-2024.10.09',
    volumes: [{ deviceName: '/dev/sda1', sizeGiB: 30, volumeType: 'gp2' }],
    launchPermissions: [{ group: 'all' }],
    publicSnapshots: true,
  });
  // An old Amazon image: deprecated, so DescribeImages hides it unless IncludeDeprecated.
  addEbsImage(world, {
    region,
    ownerId: amazonAccountId,
    name: 'amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2',
    description: 'Amazon Linux 2 AMI 2.0.20200304.0 x86_64 HVM gp2',
    createdAt: at('2020-03-05T22:07:11.000Z'),
    imageLocation: 'amazon/amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2',
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2' }],
    launchPermissions: [{ group: 'all' }],
    publicSnapshots: true,
    deprecateAt: at('2022-03-05T22:07:00.000Z'),
  });
}

function seedMarketplaceImage(world: EmulatorWorld, region: string): void {
  addEbsImage(world, {
    region,
    ownerId: marketplaceAccountId,
    name: 'hardened-nginx-1.26-ubuntu-24.04-20241001-aee1c2a3-marketplace',
    description: 'Hardened NGINX on Ubuntu 24.04 (AWS Marketplace)',
    createdAt: at('2024-10-01T08:00:00.000Z'),
    imageLocation: 'aws-marketplace/hardened-nginx-1.26-ubuntu-24.04-20241001-aee1c2a3-marketplace',
    rootDeviceName: '/dev/sda1',
    volumes: [{ deviceName: '/dev/sda1', sizeGiB: 10 }],
    launchPermissions: [{ group: 'all' }],
    productCodes: [{ id: '8fqmfgtvn3ev7a6ek4m2xr6xk', type: 'marketplace' }],
    publicSnapshots: true,
  });
}

const createdBy = (instanceHint: string) => (imageId: string) =>
  `Created by CreateImage(${instanceHint}) for ${imageId}`;

function seedMyUsEast1(world: EmulatorWorld, startedAt: number): ImageRecord[] {
  const region = 'us-east-1';
  const me = demoAccountId;
  const defaultKey = defaultEbsKeyArn(me, region);
  const web1 = addEbsImage(world, {
    region,
    ownerId: me,
    name: 'web-server-2024.10.1',
    description: 'Web tier, October 2024 patch level',
    createdAt: at('2024-10-14T09:12:45.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
    tags: { Name: 'web-server', Team: 'platform', Environment: 'production' },
    snapshotDescription: createdBy('i-0a1b2c3d4e5f60701'),
    lastLaunchedAt: at('2024-12-01T10:00:00.000Z'),
  });
  const web2 = addEbsImage(world, {
    region,
    ownerId: me,
    name: 'web-server-2024.11.2',
    description: 'Web tier, November 2024 patch level',
    createdAt: at('2024-11-18T14:03:10.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
    tags: { Name: 'web-server', Team: 'platform', Environment: 'staging' },
    snapshotDescription: createdBy('i-0a1b2c3d4e5f60702'),
    deregistrationProtection: 'enabled-with-cooldown',
  });
  const arm = addEbsImage(world, {
    region,
    ownerId: me,
    name: 'api-gateway-base-arm64-v3',
    description: 'Graviton base image for the API gateway',
    architecture: 'arm64',
    bootMode: 'uefi',
    imdsSupport: 'v2.0',
    createdAt: at('2024-09-02T07:40:00.000Z'),
    volumes: [
      { deviceName: '/dev/xvda', sizeGiB: 12 },
      { deviceName: '/dev/xvdb', sizeGiB: 50, volumeType: 'gp3', deleteOnTermination: false },
    ],
    tags: { Name: 'api-gateway', Team: 'edge' },
  });
  const windows = addEbsImage(world, {
    region,
    ownerId: me,
    name: 'windows-build-agent-2022-v7',
    description: 'Windows Server 2022 CI build agent',
    platform: 'windows',
    createdAt: at('2024-08-21T16:20:00.000Z'),
    volumes: [{ deviceName: '/dev/sda1', sizeGiB: 60, volumeType: 'gp3' }],
    tags: { Name: 'build-agent', Team: 'ci' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'data-pipeline-encrypted-2024.07',
    description: 'Root and data volumes encrypted with different customer keys',
    createdAt: at('2024-07-30T11:11:11.000Z'),
    volumes: [
      { deviceName: '/dev/xvda', sizeGiB: 20, encrypted: true, kmsKeyId: demoKmsKeys.dataUsEast1 },
      {
        deviceName: '/dev/xvdb',
        sizeGiB: 200,
        volumeType: 'st1',
        encrypted: true,
        kmsKeyId: demoKmsKeys.logsUsEast1,
      },
      { deviceName: '/dev/xvdc', sizeGiB: 10, encrypted: true, kmsKeyId: defaultKey },
    ],
    tags: { Name: 'data-pipeline', Team: 'data', Compliance: 'pci' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'shared-base-for-partner-1.4',
    description: 'Shared with the partner account 222222222222',
    createdAt: at('2024-06-10T08:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
    launchPermissions: [{ userId: partnerAccountId }],
    tags: { Name: 'shared-base' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'golden-image-org-2024.09',
    description: 'Golden image shared with the whole organization',
    createdAt: at('2024-09-15T12:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 10 }],
    launchPermissions: [{ organizationArn: demoOrganizationArn }],
    tags: { Name: 'golden-image', Team: 'platform' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'golden-image-platform-ou-2024.09',
    description: 'Shared with the platform OU only',
    createdAt: at('2024-09-16T12:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 10 }],
    launchPermissions: [{ organizationalUnitArn: demoPlatformOuArn }],
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'public-diagnostics-toolkit-1.0',
    description: 'Public image with diagnostics tools',
    createdAt: at('2024-05-05T05:05:05.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
    launchPermissions: [{ group: 'all' }],
    tags: { Name: 'diagnostics' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'legacy-app-2019.12',
    description: 'Deprecated legacy application image',
    createdAt: at('2019-12-02T10:00:00.000Z'),
    volumes: [{ deviceName: '/dev/sda1', sizeGiB: 8, volumeType: 'gp2' }],
    deprecateAt: at('2024-01-01T00:00:00.000Z'),
    tags: { Name: 'legacy-app' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'retired-batch-2023.03',
    description: 'Disabled: kept for audit',
    createdAt: at('2023-03-20T10:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
    disabled: true,
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'nightly-build-in-progress',
    description: 'Still being created',
    createdAt: startedAt,
    readyAt: startedAt + demoLongPendingMs,
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
    tags: { Name: 'nightly' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'nightly-build-2024.12.03-failed',
    description: 'A build whose snapshot failed',
    createdAt: at('2024-12-03T02:00:00.000Z'),
    outcome: 'failed',
    failureReason: {
      code: 'Server.InternalError',
      message: 'Server.InternalError: Internal error on launch',
    },
    snapshotOutcome: 'error',
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
  });
  const legacyS3 = addInstanceStoreImage(world, {
    region,
    ownerId: me,
    name: 'legacy-s3-backed-2016.09',
    description: 'Instance store-backed image bundled to S3',
    imageLocation: 'ami-explorer-demo-bundles/legacy-s3-backed-2016.09/image.manifest.xml',
    kernelId: 'aki-919dcaf8',
    createdAt: at('2016-09-28T15:30:00.000Z'),
    ephemeralCount: 2,
    tags: { Name: 'legacy-s3' },
  });
  return [web1, web2, arm, windows, legacyS3];
}

function seedPartnerImages(world: EmulatorWorld, region: string): void {
  const common = {
    region,
    ownerId: partnerAccountId,
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
  };
  addEbsImage(world, {
    ...common,
    name: 'partner-agent-shared-with-111-2.3',
    description: 'Shared by the partner with account 111111111111',
    createdAt: at('2024-10-20T10:00:00.000Z'),
    launchPermissions: [{ userId: demoAccountId }],
  });
  addEbsImage(world, {
    ...common,
    name: 'partner-org-baseline-2024.10',
    description: 'Shared by the partner with the organization',
    createdAt: at('2024-10-21T10:00:00.000Z'),
    launchPermissions: [{ organizationArn: demoOrganizationArn }],
  });
  addEbsImage(world, {
    ...common,
    name: 'partner-platform-ou-tools-1.0',
    description: 'Shared by the partner with the platform OU',
    createdAt: at('2024-10-22T10:00:00.000Z'),
    launchPermissions: [{ organizationalUnitArn: demoPlatformOuArn }],
  });
  addEbsImage(world, {
    ...common,
    name: 'partner-private-build-9',
    description: 'Not shared: invisible to other accounts',
    createdAt: at('2024-10-23T10:00:00.000Z'),
  });
}

function seedMyEuWest1(world: EmulatorWorld): ImageRecord[] {
  const region = 'eu-west-1';
  const me = demoAccountId;
  const web = addEbsImage(world, {
    region,
    ownerId: me,
    name: 'web-server-2024.11.2',
    description: 'Copy of the web tier for Europe',
    createdAt: at('2024-11-19T08:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
    tags: { Name: 'web-server', Environment: 'production' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'reporting-encrypted-2024.10',
    description: 'Encrypted with the default EBS key and a customer key',
    createdAt: at('2024-10-02T08:00:00.000Z'),
    volumes: [
      {
        deviceName: '/dev/xvda',
        sizeGiB: 12,
        encrypted: true,
        kmsKeyId: defaultEbsKeyArn(me, region),
      },
      { deviceName: '/dev/xvdb', sizeGiB: 100, encrypted: true, kmsKeyId: demoKmsKeys.dataEuWest1 },
    ],
    tags: { Name: 'reporting' },
  });
  addEbsImage(world, {
    region,
    ownerId: me,
    name: 'bastion-arm64-2024.08',
    architecture: 'arm64',
    createdAt: at('2024-08-08T08:08:08.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
  });
  const s3 = addInstanceStoreImage(world, {
    region,
    ownerId: me,
    name: 'legacy-eu-s3-backed-2017.03',
    imageLocation: 'ami-explorer-demo-bundles-eu/legacy-eu-2017.03/image.manifest.xml',
    createdAt: at('2017-03-03T03:03:03.000Z'),
    virtualizationType: 'hvm',
  });
  return [web, s3];
}

// ---- Image families (issue 14): two families with versions across regions ---------------------
// Kept in one block so the demo shows the AMI Families view, its region matrix, "Copy Newest to
// Missing Regions…" and "Compare with Previous Version". Mostly in eu-west-1, with two AMIs in
// us-east-1 (whose rows other tests count on seeing on one screen), dated mid-2024.
// ap-southeast-2 stays empty for the demo account (tests rely on it), so it is where every
// family's newest version is missing.

/** The demo families' AMI names, for tests. */
export const demoFamilies = {
  /** Semver names; 1.6.0 adds a data volume and grows the root volume. */
  ordersApi: {
    family: 'orders-api-*',
    versions: ['orders-api-1.6.0', 'orders-api-1.5.0', 'orders-api-1.4.0'],
    /** Where the newest (1.6.0) is: only eu-west-1 (1.5.0 is in us-east-1 too). */
    newestIn: ['eu-west-1'],
    /** The version an instance was launched from. */
    launched: 'orders-api-1.5.0',
  },
  /** Packer-style dated names, also tagged Family=batch-worker. */
  batchWorker: {
    family: 'batch-worker-*',
    tag: { key: 'Family', value: 'batch-worker' },
    versions: ['batch-worker-20240819', 'batch-worker-20240715', 'batch-worker-20240610'],
    newestIn: ['eu-west-1', 'us-east-1'],
  },
} as const;

/** What the families block adds for the demo account, per region (tests that count add it). */
export const demoFamilyCounts: Readonly<Record<string, { images: number; instances: number }>> = {
  'us-east-1': { images: 2, instances: 1 },
  'eu-west-1': { images: 6, instances: 0 },
  'ap-southeast-2': { images: 0, instances: 0 },
};

function seedFamilies(world: EmulatorWorld): { ordersLaunched: ImageRecord } {
  const me = demoAccountId;
  const orders = [
    { name: 'orders-api-1.4.0', created: '2024-06-03T10:00:00.000Z', rootGiB: 8, data: false },
    { name: 'orders-api-1.5.0', created: '2024-07-08T10:00:00.000Z', rootGiB: 8, data: false },
    { name: 'orders-api-1.6.0', created: '2024-08-12T10:00:00.000Z', rootGiB: 10, data: true },
  ];
  const ordersRegions: Record<string, readonly string[]> = {
    'orders-api-1.4.0': ['eu-west-1'],
    'orders-api-1.5.0': ['eu-west-1', 'us-east-1'],
    'orders-api-1.6.0': ['eu-west-1'],
  };
  let ordersLaunched: ImageRecord | undefined;
  for (const version of orders) {
    for (const [i, region] of (ordersRegions[version.name] ?? []).entries()) {
      // A copy is made a day after the build, in the next region.
      const createdAt = at(version.created) + i * 24 * 3600 * 1000;
      const made = addEbsImage(world, {
        region,
        ownerId: me,
        name: version.name,
        description: `Orders API ${version.name.slice('orders-api-'.length)}`,
        createdAt,
        imdsSupport: 'v2.0',
        volumes: [
          { deviceName: '/dev/xvda', sizeGiB: version.rootGiB, volumeType: 'gp3' },
          ...(version.data
            ? [
                {
                  deviceName: '/dev/xvdf',
                  sizeGiB: 20,
                  volumeType: 'gp3',
                  deleteOnTermination: false,
                },
              ]
            : []),
        ],
        tags: { Name: 'orders-api', Team: 'commerce', Version: version.name.slice(11) },
      });
      if (version.name === demoFamilies.ordersApi.launched && region === 'us-east-1') {
        ordersLaunched = made;
      }
    }
  }
  const batch = [
    { name: 'batch-worker-20240610', created: '2024-06-10T02:00:00.000Z' },
    { name: 'batch-worker-20240715', created: '2024-07-15T02:00:00.000Z' },
    { name: 'batch-worker-20240819', created: '2024-08-19T02:00:00.000Z' },
  ];
  for (const version of batch) {
    // Built in eu-west-1; only the newest was copied to us-east-1.
    const regions =
      version.name === 'batch-worker-20240819' ? ['eu-west-1', 'us-east-1'] : ['eu-west-1'];
    for (const [i, region] of regions.entries()) {
      addEbsImage(world, {
        region,
        ownerId: me,
        name: version.name,
        description: 'Nightly batch worker built by Packer',
        createdAt: at(version.created) + i * 3600 * 1000,
        volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp3' }],
        tags: { Name: 'batch-worker', Family: 'batch-worker', Builder: 'packer' },
      });
    }
  }
  if (!ordersLaunched) throw new Error('demo seed: missing orders-api image');
  return { ordersLaunched };
}
// ---- End of image families ---------------------------------------------------------------------

/**
 * The demo estate (see README): a realistic small set of AMIs, snapshots and instances across
 * us-east-1, eu-west-1 and ap-southeast-2 (empty for "me"), plus Amazon, Marketplace and
 * partner images. Everything but the deliberately pending items is dated in the past.
 */
export function seedDemoEstate(world: EmulatorWorld, startedAt: number): void {
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    seedAmazonImages(world, region);
  }
  seedMarketplaceImage(world, 'us-east-1');
  const [web1, web2, arm, windows, legacyS3] = seedMyUsEast1(world, startedAt);
  seedPartnerImages(world, 'us-east-1');
  const [euWeb, euS3] = seedMyEuWest1(world);
  const me = demoAccountId;
  const launch = (
    region: string,
    image: ImageRecord | undefined,
    name: string,
    state: 'running' | 'stopped' | 'pending',
    launchedAt: number,
  ) => {
    if (!image) {
      throw new Error('demo seed: missing image');
    }
    addInstance(world, {
      region,
      ownerId: me,
      image,
      state,
      launchedAt: state === 'pending' ? startedAt : launchedAt,
      transition:
        state === 'pending' ? { to: 'running', at: startedAt + demoLongPendingMs } : undefined,
      stateTransitionReason: state === 'stopped' ? 'User initiated (2024-12-02 18:00:00 GMT)' : '',
      tags: { Name: name },
      keyName: 'demo-key',
    });
  };
  launch('us-east-1', web1, 'web-1', 'running', at('2024-12-01T10:00:00.000Z'));
  launch('us-east-1', web1, 'web-2', 'running', at('2024-12-01T10:05:00.000Z'));
  launch('us-east-1', web2, 'web-staging', 'stopped', at('2024-11-20T09:00:00.000Z'));
  launch('us-east-1', arm, 'api-gateway-canary', 'pending', startedAt);
  launch('us-east-1', windows, 'build-agent-1', 'running', at('2024-09-01T12:00:00.000Z'));
  launch('us-east-1', legacyS3, 'legacy-s3-worker', 'running', at('2017-01-10T12:00:00.000Z'));
  launch('eu-west-1', euWeb, 'eu-web-1', 'running', at('2024-11-20T10:00:00.000Z'));
  launch('eu-west-1', euWeb, 'eu-web-2', 'stopped', at('2024-11-20T10:00:00.000Z'));
  launch('eu-west-1', euS3, 'eu-legacy-worker', 'running', at('2017-04-01T10:00:00.000Z'));
  // Added after everything above, so the ids drawn before stay what they were.
  seedImageInsights(world, startedAt);
  // Image families (issue 14), after the insights for the same reason: an instance launched from
  // one version.
  const { ordersLaunched } = seedFamilies(world);
  launch('us-east-1', ordersLaunched, 'orders-api-1', 'running', at('2024-07-10T10:00:00.000Z'));
}

const dayMs = 24 * 60 * 60 * 1000;

/** My image of this name in the region (the seed's own records). */
function seeded(world: EmulatorWorld, region: string, name: string, ownerId = demoAccountId) {
  const image = world.store.imagesIn(region).find((i) => i.name === name && i.ownerId === ownerId);
  if (!image) {
    throw new Error(`demo seed: missing ${name} in ${region}`);
  }
  return image;
}

/** Names of the demo images that show issue 13's states (see `seedImageInsights`). */
export const demoInsightImages = {
  /** us-east-1, the classic estate's image: the root of the lineage. */
  lineageRoot: 'web-server-2024.11.2',
  /** eu-west-1, the classic estate's copy of the root (now says so). */
  lineageCopy: 'web-server-2024.11.2',
  /** eu-west-1, a copy of the copy: Inspector findings, launched recently, referenced. */
  lineageLeaf: 'app-runtime-2024.12',
  /** eu-west-1, the classic estate's image, scanned by Inspector with nothing found. */
  scannedClean: 'bastion-arm64-2024.08',
  recycledWithSnapshots: 'recycled-report-builder-2024.04',
  recycledWithoutSnapshots: 'recycled-batch-runner-2024.02',
} as const;

/**
 * What EC2 tells about AMIs beyond the classic lifecycle (issue 13): Amazon's public SSM
 * parameters and free-tier flags; a lineage of three generations (us-east-1 → eu-west-1 → a copy
 * of that copy); Inspector findings; usage of shared images by another account; references from
 * a launch template, an SSM parameter and an Image Builder recipe; Allowed AMIs in audit mode in
 * ap-southeast-2 (only AL2023 allowed, so Amazon's other images are not); and a Recycle Bin in
 * us-east-1 (retention rules for AMIs and snapshots, one recycled AMI whose snapshot is in the bin
 * too, one whose snapshot is not). It adds no row to the Images view of us-east-1 and one to
 * eu-west-1 (Owners=self), so views and tests of the classic estate keep their rows.
 */
function seedImageInsights(world: EmulatorWorld, startedAt: number): void {
  const me = demoAccountId;
  const store = world.store;
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    const ssm = '/aws/service/ami-amazon-linux-latest';
    const al2023 = seeded(world, region, amazonImageNames[0].name, amazonAccountId);
    al2023.freeTierEligible = true;
    al2023.publicSsmParameterName = `${ssm}/al2023-ami-kernel-6.1-x86_64`;
    const arm = seeded(world, region, amazonImageNames[1].name, amazonAccountId);
    arm.freeTierEligible = false;
    arm.publicSsmParameterName = `${ssm}/al2023-ami-kernel-6.1-arm64`;
    const minimal = seeded(world, region, amazonImageNames[2].name, amazonAccountId);
    minimal.freeTierEligible = true;
    minimal.publicSsmParameterName = `${ssm}/al2023-ami-minimal-kernel-6.1-x86_64`;
    const windows = seeded(
      world,
      region,
      'Windows_Server-2022-English-Full-Base-2024.10.09',
      amazonAccountId,
    );
    windows.freeTierEligible = true;
    windows.publicSsmParameterName =
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
  }

  // Lineage: us-east-1 web-server-2024.11.2 → its eu-west-1 copy → app-runtime (copy of the copy).
  const root = seeded(world, 'us-east-1', demoInsightImages.lineageRoot);
  const copy = seeded(world, 'eu-west-1', demoInsightImages.lineageCopy);
  copy.sourceImageId = root.imageId;
  copy.sourceImageRegion = 'us-east-1';
  const leaf = addEbsImage(world, {
    region: 'eu-west-1',
    ownerId: me,
    name: demoInsightImages.lineageLeaf,
    description: `[Copied ${copy.imageId} from eu-west-1] Application runtime on the web tier`,
    createdAt: at('2024-12-02T09:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 16 }],
    tags: { Name: 'app-runtime', Team: 'runtime' },
    sourceImageId: copy.imageId,
    sourceImageRegion: 'eu-west-1',
    lastLaunchedAt: startedAt - 3 * dayMs,
  });
  leaf.scannedAt = at('2024-12-05T06:00:00.000Z');
  const leafSnapshot = leaf.blockDevices[0]?.ebs?.snapshotId;
  leaf.findings = [
    {
      title: 'CVE-2024-6387 - openssh',
      severity: 'critical',
      score: 9.8,
      fixAvailable: true,
      firstObservedAt: at('2024-12-03T00:00:00.000Z'),
      updatedAt: at('2024-12-05T06:00:00.000Z'),
      paths: ['/usr/sbin/sshd'],
      snapshotId: leafSnapshot,
    },
    {
      title: 'CVE-2024-2961 - glibc',
      severity: 'high',
      score: 7.3,
      fixAvailable: true,
      firstObservedAt: at('2024-12-03T00:00:00.000Z'),
      updatedAt: at('2024-12-05T06:00:00.000Z'),
      paths: ['/usr/lib64/libc.so.6'],
      snapshotId: leafSnapshot,
    },
    {
      title: 'CVE-2024-0727 - openssl',
      severity: 'medium',
      score: 5.5,
      fixAvailable: false,
      firstObservedAt: at('2024-12-04T00:00:00.000Z'),
      updatedAt: at('2024-12-05T06:00:00.000Z'),
      paths: ['/usr/lib64/libcrypto.so.3'],
      snapshotId: leafSnapshot,
    },
  ];
  const arnPrefix = `eu-west-1:${me}`;
  for (const [resourceType, arn] of [
    ['ec2:LaunchTemplate', `arn:aws:ec2:${arnPrefix}:launch-template/lt-0a1b2c3d4e5f60001`],
    ['ssm:Parameter', `arn:aws:ssm:${arnPrefix}:parameter/golden/app-runtime/latest`],
    [
      'imagebuilder:ImageRecipe',
      `arn:aws:imagebuilder:${arnPrefix}:image-recipe/app-runtime/1.0.0`,
    ],
  ] as const) {
    store.imageReferences.push({
      imageId: leaf.imageId,
      region: 'eu-west-1',
      ownerId: me,
      resourceType,
      arn,
    });
  }
  seeded(world, 'eu-west-1', demoInsightImages.scannedClean).scannedAt = at(
    '2024-12-05T06:00:00.000Z',
  );

  // Usage of my shared images by the partner account (what image usage reports count).
  seeded(world, 'us-east-1', 'shared-base-for-partner-1.4').usage = [
    { accountId: partnerAccountId, resourceType: 'ec2:Instance', count: 3 },
    { accountId: partnerAccountId, resourceType: 'ec2:LaunchTemplate', count: 1 },
  ];
  seeded(world, 'us-east-1', 'golden-image-org-2024.09').usage = [
    { accountId: partnerAccountId, resourceType: 'ec2:Instance', count: 5 },
  ];

  // Allowed AMIs in audit mode in ap-southeast-2: only Amazon Linux 2023 and the partner's agent.
  const allowed = store.allowedImagesFor(me, 'ap-southeast-2');
  allowed.state = 'audit-mode';
  allowed.criteria = [
    { imageProviders: ['amazon'], imageNames: ['al2023-ami-*'] },
    { imageProviders: [partnerAccountId], imageNames: ['partner-agent-*'] },
  ];

  // Recycle Bin in us-east-1: rules for AMIs and snapshots, and two AMIs deregistered 2 days ago.
  store.setRetentionRules(me, 'us-east-1', [...demoRetentionRules]);
  const enteredAt = startedAt - 2 * dayMs;
  const exitAt = enteredAt + 14 * dayMs;
  const withSnapshots = addEbsImage(world, {
    region: 'us-east-1',
    ownerId: me,
    name: demoInsightImages.recycledWithSnapshots,
    description: 'Deregistered with its snapshot: both in the Recycle Bin',
    createdAt: at('2024-04-10T09:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 10 }],
  });
  store.recycleImage(withSnapshots, enteredAt, exitAt);
  for (const d of withSnapshots.blockDevices) {
    const snapshot = d.ebs?.snapshotId ? store.snapshots.get(d.ebs.snapshotId) : undefined;
    if (snapshot) {
      store.recycleSnapshot(snapshot, enteredAt, exitAt);
    }
  }
  const withoutSnapshots = addEbsImage(world, {
    region: 'us-east-1',
    ownerId: me,
    name: demoInsightImages.recycledWithoutSnapshots,
    description: 'Deregistered; its snapshot was kept',
    createdAt: at('2024-02-12T09:00:00.000Z'),
    volumes: [{ deviceName: '/dev/xvda', sizeGiB: 8 }],
  });
  store.recycleImage(withoutSnapshots, enteredAt, exitAt);
}
