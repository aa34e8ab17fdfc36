import assert from 'node:assert/strict';
import { validateCopyInput } from '../../../../src/core/model/copyPlan';
import type { CopyInput } from '../../../../src/core/model/copyPlan';
import { validateDeprecationTime } from '../../../../src/core/model/deprecationSchedule';
import { parseTagList } from '../../../../src/core/model/imageCreation';
import {
  validateAmiName,
  validateDescription,
  validateDeviceName,
  validateKmsKey,
  validateManifestPath,
  validateTagKey,
  validateTagValue,
} from '../../../../src/core/model/imageInputs';
import { validateKernelId, validateRamdiskId } from '../../../../src/core/model/imageRegistration';
import { parsePermissionToken } from '../../../../src/core/model/launchPermissionEntries';
import { isSnapshotId } from '../../../../src/core/model/snapshot';
import {
  isInstanceId,
  validateAccountId,
  validateAccountRegion,
  validateAmiId,
  validateNameFilter,
  validateRegionName,
} from '../../../../src/core/model/validation';

/**
 * Bad (and borderline good) input for every validator, each row with the EC2 or S3 rule it
 * follows. A refusal must also be safe to show: no raw control or reordering characters, and not
 * the whole of a long input.
 */

const NOW = new Date('2025-03-10T12:00:00Z');
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = `mrk-${'0123456789abcdef'.repeat(2)}`;
const ACCOUNT = '111111111111';
const ORG = `arn:aws:organizations::${ACCOUNT}:organization/o-demo123456`;
const OU = `arn:aws:organizations::${ACCOUNT}:ou/o-demo123456/ou-demo-platform1`;
const PUBLIC_AMI = {
  imageId: 'ami-0123456789abcdef0',
  isPublic: true,
  creationDate: '2024-06-01T08:00:00Z',
};

const copyInput = (overrides: Partial<CopyInput>): CopyInput => ({
  sources: [
    {
      imageId: 'ami-0123456789abcdef0',
      region: 'us-east-1',
      name: 'web-server',
      rootDeviceType: 'ebs',
      encrypted: false,
    },
  ],
  destinations: [{ region: 'eu-west-1' }],
  name: 'web-copy',
  copyTags: true,
  encrypt: false,
  actionId: 'corpus',
  ...overrides,
});
const copyProblems = (input: CopyInput): string | undefined =>
  validateCopyInput(input).join(' ') || undefined;

/** Each validator as "input → refusal message, or undefined when accepted". */
const VALIDATORS = {
  amiId: validateAmiId,
  instanceId: (v: string) => (isInstanceId(v) ? undefined : 'not an instance id'),
  snapshotId: (v: string) => (isSnapshotId(v) ? undefined : 'not a snapshot id'),
  accountId: validateAccountId,
  region: validateRegionName,
  /** The account's regions are known (DescribeRegions answered). */
  accountRegion: (v: string) => validateAccountRegion(v, ['us-east-1', 'eu-west-1']),
  /** The account's regions are not known. */
  unknownAccountRegion: (v: string) => validateAccountRegion(v, []),
  amiName: validateAmiName,
  description: validateDescription,
  tagKey: validateTagKey,
  tagValue: validateTagValue,
  tagList: (v: string) => {
    const parsed = parseTagList(v);
    return 'error' in parsed ? parsed.error : undefined;
  },
  manifestPath: validateManifestPath,
  deviceName: validateDeviceName,
  kmsKey: (v: string) => validateKmsKey(v),
  /** A key for a copy into us-east-1. */
  kmsKeyForUsEast1: (v: string) => validateKmsKey(v, 'us-east-1'),
  kernelId: validateKernelId,
  ramdiskId: validateRamdiskId,
  /** A private AMI, now = 2025-03-10 12:00 UTC. */
  deprecation: (v: string) => validateDeprecationTime(v, NOW, []),
  /** A public AMI created 2024-06-01 08:00 UTC, now = 2025-03-10 12:00 UTC. */
  deprecationPublic: (v: string) => validateDeprecationTime(v, NOW, [PUBLIC_AMI]),
  nameFilter: validateNameFilter,
  launchPermission: (v: string) => {
    const parsed = parsePermissionToken(v);
    return parsed.ok ? undefined : parsed.message;
  },
  /** Copy of a us-east-1 AMI into this region. */
  copyDestination: (v: string) => copyProblems(copyInput({ destinations: [{ region: v }] })),
  /** Name of the copy of one AMI. */
  copyName: (v: string) => copyProblems(copyInput({ name: v })),
  /** Encrypted copy into eu-west-1 with this key. */
  copyKmsKey: (v: string) =>
    copyProblems(copyInput({ encrypt: true, destinations: [{ region: 'eu-west-1', kmsKey: v }] })),
} satisfies Record<string, (input: string) => string | undefined>;

type Row = readonly [
  validator: keyof typeof VALIDATORS,
  input: string,
  verdict: 'ok' | 'refused',
  rule: string,
];

const CORPUS: readonly Row[] = [
  // AMI ids
  ['amiId', 'ami-12345678', 'ok', 'older ids: ami- and 8 hex digits'],
  ['amiId', 'ami-0abcdef1234567890', 'ok', 'ami- and 17 hex digits'],
  ['amiId', '  ami-0abcdef1234567890\n', 'ok', 'pasted whitespace is trimmed'],
  ['amiId', 'ami-0ABCDEF1234567890', 'refused', 'ids are lowercase hex'],
  ['amiId', 'ami-1234567', 'refused', '8 or 17 digits, not 7'],
  ['amiId', 'ami-0abcdef12345678', 'refused', '8 or 17 digits, not 16'],
  ['amiId', 'ami-0abcdef123456789012', 'refused', '8 or 17 digits, not 19'],
  ['amiId', 'ami-1234567g', 'refused', 'hex digits only'],
  ['amiId', 'i-0abcdef1234567890', 'refused', 'an AMI id starts with ami-'],
  ['amiId', '', 'refused', 'an id is required'],
  ['amiId', 'ami-', 'refused', 'the prefix alone is no id'],
  ['amiId', 'ami-12345678\u0000', 'refused', 'no control characters in ids'],
  // Instance ids
  ['instanceId', 'i-12345678', 'ok', 'older ids: i- and 8 hex digits'],
  ['instanceId', 'i-0123456789abcdef0', 'ok', 'i- and 17 hex digits'],
  ['instanceId', 'i-0123456789ABCDEF0', 'refused', 'ids are lowercase hex'],
  ['instanceId', 'i-123456789', 'refused', '8 or 17 digits, not 9'],
  ['instanceId', 'ami-12345678', 'refused', 'an instance id starts with i-'],
  ['instanceId', 'i-', 'refused', 'the prefix alone is no id'],
  // Snapshot ids
  ['snapshotId', 'snap-12345678', 'ok', 'older ids: snap- and 8 hex digits'],
  ['snapshotId', 'snap-0123456789abcdef0', 'ok', 'snap- and 17 hex digits'],
  ['snapshotId', 'snap-0123456789abcdef', 'refused', '8 or 17 digits, not 16'],
  ['snapshotId', 'snap-0123456789ABCDEF0', 'refused', 'ids are lowercase hex'],
  ['snapshotId', 'vol-0123456789abcdef0', 'refused', 'a volume id is no snapshot id'],
  // Account ids
  ['accountId', '123456789012', 'ok', 'exactly 12 digits'],
  ['accountId', '012345678901', 'ok', 'leading zeros are part of the id'],
  ['accountId', ' 123456789012 ', 'ok', 'pasted whitespace is trimmed'],
  ['accountId', '12345678901', 'refused', '12 digits, not 11'],
  ['accountId', '1234567890123', 'refused', '12 digits, not 13'],
  ['accountId', '1234-5678-9012', 'refused', 'digits only, no dashes'],
  ['accountId', '12345678901a', 'refused', 'digits only'],
  ['accountId', '１２３４５６７８９０１２', 'refused', 'ASCII digits only'],
  ['accountId', '1234\r\n5678', 'refused', 'no line breaks inside an id'],
  // Regions
  ['region', 'us-east-1', 'ok', 'standard partition'],
  ['region', 'ap-southeast-2', 'ok', 'standard partition, compound direction'],
  ['region', 'eusc-de-east-1', 'ok', 'European Sovereign Cloud partition'],
  ['region', 'us-gov-west-1', 'ok', 'GovCloud partition'],
  ['region', 'cn-north-1', 'ok', 'China partition'],
  ['region', 'cn-northwest-1', 'ok', 'China partition, compound direction'],
  ['region', 'us-isob-east-1', 'ok', 'ISO-B partition'],
  ['region', 'us-iso-west-1', 'ok', 'ISO partition'],
  ['region', 'eu-isoe-west-1', 'ok', 'ISO-E partition'],
  ['region', 'us-isof-south-1', 'ok', 'ISO-F partition'],
  ['region', 'mx-central-1', 'ok', 'standard partition, mx prefix'],
  ['region', 'il-central-1', 'ok', 'standard partition, il prefix'],
  ['region', 'ap-southeast-12', 'ok', 'two-digit region numbers'],
  ['region', 'xx-fake-1', 'refused', 'prefix of no partition'],
  ['region', 'us-east-01', 'refused', 'region numbers have no leading zero'],
  ['region', 'us-east-0', 'refused', 'region numbers start at 1'],
  ['region', 'us-east-1a', 'refused', 'an Availability Zone is not a region'],
  ['region', 'US-EAST-1', 'refused', 'region names are lowercase'],
  ['region', 'us-west-2-lax-1', 'refused', 'a Local Zone is not a region'],
  ['region', 'useast1', 'refused', 'parts are separated by hyphens'],
  ['region', 'us-east', 'refused', 'a region name ends with its number'],
  ['region', 'eusc-fr-east-1', 'refused', 'the SDK knows eusc-de only'],
  ['region', 'us-middle-1', 'refused', 'the middle part is a compass direction'],
  ['region', '', 'refused', 'a region is required'],
  ['region', 'us-east-1\u001b[2J', 'refused', 'no control characters in names'],
  ['accountRegion', 'eu-west-1', 'ok', 'one of the account’s regions'],
  ['accountRegion', 'ap-south-2', 'refused', 'not enabled for the account'],
  ['accountRegion', 'us-east-01', 'refused', 'the shape is checked first'],
  ['unknownAccountRegion', 'ap-south-2', 'ok', 'list unknown: only the shape counts'],
  ['unknownAccountRegion', 'xx-fake-1', 'refused', 'prefix of no partition'],
  // AMI names
  ['amiName', 'web', 'ok', 'at least 3 characters'],
  ['amiName', 'ab', 'refused', 'at least 3 characters'],
  ['amiName', 'a'.repeat(128), 'ok', 'at most 128 characters'],
  ['amiName', 'a'.repeat(129), 'refused', 'at most 128 characters'],
  ['amiName', "web-1 2026-11-26 (final) [x86_64] ./'@_", 'ok', 'every allowed punctuation mark'],
  ['amiName', '  web  ', 'ok', 'surrounding spaces are trimmed'],
  ['amiName', 'web:1', 'refused', 'no colons'],
  ['amiName', 'web*', 'refused', 'no wildcards in a name'],
  ['amiName', 'café', 'refused', 'ASCII letters only'],
  ['amiName', 'web\tserver', 'refused', 'no tabs'],
  ['amiName', 'web,1', 'refused', 'no commas'],
  ['amiName', 'web+1', 'refused', 'no plus signs'],
  ['amiName', 'web\u0000name', 'refused', 'no control characters'],
  // Descriptions
  ['description', '', 'ok', 'a description is optional'],
  ['description', 'x'.repeat(255), 'ok', 'at most 255 characters'],
  ['description', 'x'.repeat(256), 'refused', 'at most 255 characters'],
  ['description', 'Web tier, built by CI (2026)', 'ok', 'any printable text'],
  // Tag keys
  ['tagKey', 'Name', 'ok', 'a plain key'],
  ['tagKey', 'k'.repeat(128), 'ok', 'at most 128 characters'],
  ['tagKey', 'k'.repeat(129), 'refused', 'at most 128 characters'],
  ['tagKey', '🚀'.repeat(128), 'ok', 'measured in Unicode characters'],
  ['tagKey', '🚀'.repeat(129), 'refused', 'measured in Unicode characters'],
  ['tagKey', 'aws:createdBy', 'refused', 'the aws: prefix is reserved'],
  ['tagKey', 'AWS:x', 'refused', 'the aws: prefix is reserved in any case'],
  ['tagKey', 'awsome', 'ok', 'only aws: with the colon is reserved'],
  ['tagKey', '', 'refused', 'a key cannot be empty'],
  ['tagKey', '   ', 'refused', 'a key cannot be blank'],
  ['tagKey', 'Cost Center', 'ok', 'spaces are allowed'],
  ['tagKey', '東京', 'ok', 'any Unicode letters'],
  // Tag values
  ['tagValue', '', 'ok', 'a value may be empty'],
  ['tagValue', 'v'.repeat(256), 'ok', 'at most 256 characters'],
  ['tagValue', 'v'.repeat(257), 'refused', 'at most 256 characters'],
  ['tagValue', '😀'.repeat(100), 'ok', '100 emoji are 100 characters'],
  ['tagValue', '😀'.repeat(256), 'ok', 'measured in Unicode characters'],
  ['tagValue', '😀'.repeat(257), 'refused', 'measured in Unicode characters'],
  ['tagValue', 'Smith, John', 'ok', 'commas are allowed'],
  // Tag lists (Create Image)
  ['tagList', 'Owner=Smith, John', 'ok', 'a comma not followed by key= stays in the value'],
  ['tagList', 'team=platform, purpose=release', 'ok', 'comma before key= separates tags'],
  ['tagList', 'a=1,, b=2,', 'ok', 'empty parts are skipped'],
  ['tagList', 'empty=', 'ok', 'key= is an empty value'],
  ['tagList', 'a=b=c', 'ok', 'the first = separates key and value'],
  ['tagList', 'team', 'refused', 'each tag is key=value'],
  ['tagList', 'aws:x=1', 'refused', 'the aws: prefix is reserved'],
  ['tagList', '=1', 'refused', 'a key cannot be empty'],
  ['tagList', 'a=1,a=2', 'refused', 'a key once per resource'],
  ['tagList', Array.from({ length: 50 }, (_, i) => `k${i}=v`).join(','), 'ok', 'at most 50 tags'],
  [
    'tagList',
    Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(','),
    'refused',
    'at most 50 tags',
  ],
  ['tagList', `mood=${'😀'.repeat(100)}`, 'ok', 'values measured in Unicode characters'],
  ['tagList', 'team\u0007', 'refused', 'each tag is key=value'],
  // Manifest paths (S3 bucket naming rules)
  [
    'manifestPath',
    'my-bucket/images/web/image.manifest.xml',
    'ok',
    'bucket/path/name.manifest.xml',
  ],
  ['manifestPath', 's3://my-bucket/image.manifest.xml', 'ok', 'an s3:// prefix is removed'],
  [
    'manifestPath',
    '192.168.5.4/x.manifest.xml',
    'refused',
    'bucket not formatted as an IP address',
  ],
  ['manifestPath', '10.0.0.1.backup/x.manifest.xml', 'ok', 'five dotted parts are no IP address'],
  ['manifestPath', 'my.bucket.1/x.manifest.xml', 'ok', 'dots are allowed in buckets'],
  ['manifestPath', 'My-Bucket/x.manifest.xml', 'refused', 'bucket names are lowercase'],
  ['manifestPath', 'ab/x.manifest.xml', 'refused', 'bucket names have at least 3 characters'],
  [
    'manifestPath',
    `${'b'.repeat(63)}/x.manifest.xml`,
    'ok',
    'bucket names have at most 63 characters',
  ],
  [
    'manifestPath',
    `${'b'.repeat(64)}/x.manifest.xml`,
    'refused',
    'bucket names have at most 63 characters',
  ],
  ['manifestPath', 'a..b/x.manifest.xml', 'refused', 'no two adjacent periods'],
  ['manifestPath', '-bucket/x.manifest.xml', 'refused', 'begin with a letter or number'],
  ['manifestPath', 'bucket-/x.manifest.xml', 'refused', 'end with a letter or number'],
  ['manifestPath', 'xn--bucket/x.manifest.xml', 'refused', 'the prefix xn-- is reserved'],
  ['manifestPath', 'sthree-bucket/x.manifest.xml', 'refused', 'the prefix sthree- is reserved'],
  [
    'manifestPath',
    'amzn-s3-demo-bucket/x.manifest.xml',
    'refused',
    'the prefix amzn-s3-demo- is reserved',
  ],
  ['manifestPath', 'bucket-s3alias/x.manifest.xml', 'refused', 'the suffix -s3alias is reserved'],
  ['manifestPath', 'bucket--ol-s3/x.manifest.xml', 'refused', 'the suffix --ol-s3 is reserved'],
  ['manifestPath', 'bucket.mrap/x.manifest.xml', 'refused', 'the suffix .mrap is reserved'],
  [
    'manifestPath',
    'bucket--use1-az4--x-s3/x.manifest.xml',
    'refused',
    'the suffix --x-s3 is reserved',
  ],
  [
    'manifestPath',
    'bucket--table-s3/x.manifest.xml',
    'refused',
    'the suffix --table-s3 is reserved',
  ],
  ['manifestPath', 'my_bucket/x.manifest.xml', 'refused', 'no underscores in bucket names'],
  ['manifestPath', 'bucket/image.xml', 'refused', 'the file ends with .manifest.xml'],
  ['manifestPath', 'bucket/.manifest.xml', 'refused', 'the manifest file needs a name'],
  ['manifestPath', 'image.manifest.xml', 'refused', 'a bucket is required'],
  ['manifestPath', 'bu\u0000cket/x.manifest.xml', 'refused', 'bucket characters: a-z 0-9 . -'],
  // Device names (block device mappings)
  ['deviceName', '/dev/xvda', 'ok', 'HVM root /dev/xvda'],
  ['deviceName', '/dev/sda1', 'ok', 'root /dev/sda1'],
  ['deviceName', '/dev/sdf', 'ok', 'recommended for EBS: /dev/sd[f-p]'],
  ['deviceName', '/dev/sdp', 'ok', 'recommended for EBS: /dev/sd[f-p]'],
  ['deviceName', 'xvdh', 'ok', 'Windows: xvd[a-z] without /dev/'],
  ['deviceName', 'xvdca', 'ok', 'Windows: xvd[b-c][a-z]'],
  ['deviceName', '/dev/xvdba', 'ok', 'HVM: /dev/xvd[a-d][a-z]'],
  ['deviceName', '/dev/hda1', 'ok', 'paravirtual: /dev/hd[a-z][1-15]'],
  ['deviceName', '/dev/sdf15', 'ok', 'partitions 1–15'],
  ['deviceName', '/dev/sdf16', 'refused', 'partitions 1–15'],
  ['deviceName', '/dev/sdf0', 'refused', 'partitions start at 1'],
  ['deviceName', 'sdf', 'refused', 'only xvd names may leave out /dev/'],
  ['deviceName', '/dev/nvme1n1', 'refused', 'NVMe names are assigned, not mapped'],
  ['deviceName', 'nvme0n1', 'refused', 'NVMe names are assigned, not mapped'],
  ['deviceName', '/dev/sdA', 'refused', 'device names are lowercase'],
  ['deviceName', '/dev/xvdabc', 'refused', 'at most two letters after xvd'],
  ['deviceName', '/dev/xvdza', 'refused', 'HVM: /dev/xvd[a-d][a-z] only'],
  ['deviceName', '/dev/sd', 'refused', 'a drive letter is required'],
  ['deviceName', '/dev/sdf\u0000', 'refused', 'no control characters'],
  // KMS keys
  ['kmsKey', '', 'ok', 'empty means the default EBS key'],
  ['kmsKey', 'alias/aws/ebs', 'ok', 'the AWS-managed EBS key'],
  ['kmsKey', KEY, 'ok', 'a key id (UUID)'],
  ['kmsKey', MRK, 'ok', 'a multi-Region key id'],
  ['kmsKey', 'alias/my-key', 'ok', 'a customer alias'],
  ['kmsKey', 'alias/aws/s3', 'refused', 'another service’s AWS-managed key'],
  ['kmsKey', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY}`, 'ok', 'key ARN, aws partition'],
  ['kmsKey', `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY}`, 'ok', 'key ARN, aws-cn partition'],
  [
    'kmsKey',
    `arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT}:alias/app`,
    'ok',
    'alias ARN, aws-us-gov partition',
  ],
  [
    'kmsKey',
    `arn:aws-eusc:kms:eusc-de-east-1:${ACCOUNT}:key/${KEY}`,
    'ok',
    'key ARN, aws-eusc partition',
  ],
  [
    'kmsKey',
    `arn:aws-iso-b:kms:us-isob-east-1:${ACCOUNT}:key/${KEY}`,
    'ok',
    'key ARN, aws-iso-b partition',
  ],
  [
    'kmsKey',
    `arn:aws-cn:kms:us-east-1:${ACCOUNT}:key/${KEY}`,
    'refused',
    'the region belongs to the ARN’s partition',
  ],
  [
    'kmsKey',
    `arn:aws:kms:xx-fake-1:${ACCOUNT}:key/${KEY}`,
    'refused',
    'the ARN names a real region',
  ],
  ['kmsKey', `arn:aws:kms:eu-west-1:1111:key/${KEY}`, 'refused', 'account ids have 12 digits'],
  ['kmsKey', 'arn:aws:s3:::bucket', 'refused', 'a KMS ARN, not another service’s'],
  ['kmsKey', KEY.toUpperCase(), 'refused', 'key ids are lowercase'],
  ['kmsKey', 'alias/', 'refused', 'an alias has a name'],
  ['kmsKey', 'alias/has space', 'refused', 'alias names: letters, digits, / _ -'],
  [
    'kmsKeyForUsEast1',
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`,
    'ok',
    'a key of the destination region',
  ],
  [
    'kmsKeyForUsEast1',
    `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY}`,
    'refused',
    'keys are regional',
  ],
  // Kernel and RAM disk ids
  ['kernelId', '', 'ok', 'optional'],
  ['kernelId', 'aki-0123abcd', 'ok', 'aki- and 8 hex digits'],
  ['kernelId', 'aki-0123456789abcdef0', 'ok', 'aki- and 17 hex digits'],
  ['kernelId', 'ari-0123abcd', 'refused', 'a kernel id starts with aki-'],
  ['kernelId', 'aki-0123ABCD', 'refused', 'ids are lowercase hex'],
  ['ramdiskId', 'ari-0123456789abcdef0', 'ok', 'ari- and 17 hex digits'],
  ['ramdiskId', 'aki-0123abcd', 'refused', 'a RAM disk id starts with ari-'],
  // Deprecation times
  ['deprecation', '2025-04-09 12:00', 'ok', 'in the future'],
  ['deprecation', '2025-03-10 12:00', 'refused', 'no date in the past (now is not future)'],
  ['deprecation', '2025-03-10 12:00:20', 'refused', 'seconds round to the nearest minute: now'],
  ['deprecation', '2025-03-10 12:00:40', 'ok', 'seconds round to the nearest minute: 12:01'],
  ['deprecation', '2035-03-10 12:00', 'ok', 'at most 10 years from now'],
  ['deprecation', '2035-03-10 12:01', 'refused', 'at most 10 years from now'],
  ['deprecation', '2020-01-01', 'refused', 'no date in the past'],
  ['deprecation', '2025-02-30 10:00', 'refused', 'a real calendar date'],
  ['deprecation', '10/04/2025', 'refused', 'YYYY-MM-DD HH:MM in UTC'],
  ['deprecation', '2025-04-09T12:00:00Z', 'ok', 'ISO 8601 in UTC'],
  ['deprecation', '2025-04-09T12:00+02:00', 'refused', 'UTC only, no offsets'],
  ['deprecation', '2027-01-01 00:00', 'ok', 'a private AMI may go 10 years ahead'],
  ['deprecationPublic', '2026-06-01 08:00', 'ok', 'public: at most 2 years after creation'],
  ['deprecationPublic', '2026-06-01 08:01', 'refused', 'public: at most 2 years after creation'],
  ['deprecationPublic', '2027-01-01 00:00', 'refused', 'public: at most 2 years after creation'],
  // Name filters
  ['nameFilter', '', 'ok', 'no filter'],
  ['nameFilter', 'ubuntu/images/*', 'ok', 'the * wildcard'],
  ['nameFilter', 'al2023-ami-2023.?.*-x86_64', 'ok', 'the ? wildcard'],
  ['nameFilter', 'x'.repeat(128), 'ok', 'a pattern has at most 128 characters'],
  ['nameFilter', 'x'.repeat(129), 'refused', 'a pattern has at most 128 characters'],
  [
    'nameFilter',
    `${'x'.repeat(128)},${'y'.repeat(128)}`,
    'ok',
    'the limit is per pattern, not per list',
  ],
  ['nameFilter', 'a*, b?', 'ok', 'comma-separated patterns'],
  ['nameFilter', 'name{1}', 'refused', 'AMI-name characters and wildcards only'],
  ['nameFilter', 'a;b', 'refused', 'AMI-name characters and wildcards only'],
  ['nameFilter', 'naïve*', 'refused', 'ASCII letters only'],
  ['nameFilter', ', ,', 'refused', 'at least one pattern'],
  // Launch permission tokens
  ['launchPermission', '123456789012', 'ok', 'an account: 12 digits'],
  ['launchPermission', '1234-5678-9012', 'refused', 'account ids without dashes'],
  ['launchPermission', '12345', 'refused', 'account ids have 12 digits'],
  ['launchPermission', ORG, 'ok', 'an organization ARN'],
  [
    'launchPermission',
    `arn:aws-cn:organizations::${ACCOUNT}:organization/o-abcdefghij`,
    'ok',
    'organization ARN, aws-cn partition',
  ],
  [
    'launchPermission',
    `arn:aws-us-gov:organizations::${ACCOUNT}:organization/o-abcdefghij`,
    'ok',
    'organization ARN, aws-us-gov partition',
  ],
  ['launchPermission', OU, 'ok', 'an OU ARN'],
  [
    'launchPermission',
    `arn:aws:organizations::${ACCOUNT}:organization/o-short`,
    'refused',
    'o- and 10–32 characters',
  ],
  [
    'launchPermission',
    `arn:aws:organizations::${ACCOUNT}:organization/o-UPPERCASE1`,
    'refused',
    'organization ids are lowercase',
  ],
  [
    'launchPermission',
    `arn:aws:organizations::${ACCOUNT}:ou/o-demo123456/ou-x`,
    'refused',
    'ou-<root>-<8–32 characters>',
  ],
  ['launchPermission', `arn:aws:iam::${ACCOUNT}:root`, 'refused', 'an Organizations ARN, not IAM'],
  [
    'launchPermission',
    `arn:awsfoo:organizations::${ACCOUNT}:organization/o-demo123456`,
    'refused',
    'a real partition',
  ],
  ['launchPermission', 'all', 'refused', 'public is the group all, not a token'],
  ['launchPermission', 'public', 'refused', 'public is the group all, not a token'],
  ['launchPermission', 'x\u202Eevil', 'refused', 'neither account nor ARN'],
  // Copy input
  ['copyDestination', 'eu-west-1', 'ok', 'a region name'],
  ['copyDestination', 'us-east-2', 'ok', 'a region name'],
  ['copyDestination', 'mars', 'refused', 'a region name'],
  ['copyDestination', 'us-east-01', 'refused', 'region numbers have no leading zero'],
  ['copyName', 'web-copy', 'ok', 'an AMI name'],
  ['copyName', 'ab', 'refused', 'AMI names have at least 3 characters'],
  ['copyName', 'web:copy', 'refused', 'AMI-name characters only'],
  [
    'copyKmsKey',
    `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY}`,
    'ok',
    'a key of the destination region',
  ],
  ['copyKmsKey', `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`, 'refused', 'keys are regional'],
  ['copyKmsKey', 'alias/aws/ebs', 'ok', 'the default EBS key'],
  ['copyKmsKey', 'my key!', 'refused', 'a key id, alias or ARN'],
];

/** Characters a message must never carry raw (see inputText.ts). */
function unsafeCharacter(message: string): string | undefined {
  for (const c of message) {
    const cp = c.codePointAt(0) ?? 0;
    if (
      cp < 0x20 ||
      (cp >= 0x7f && cp <= 0x9f) ||
      (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0x2028 && cp <= 0x202e) ||
      (cp >= 0x2060 && cp <= 0x2069) ||
      cp === 0xfeff
    ) {
      return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

function label(input: string): string {
  const chars = [...input];
  const text = JSON.stringify(chars.length > 40 ? `${chars.slice(0, 37).join('')}…` : input);
  return chars.length > 40 ? `${text} (${chars.length} chars)` : text;
}

describe('core/model bad-input corpus', () => {
  it('has at least 150 rows and covers every validator', () => {
    assert.ok(CORPUS.length >= 150, `${CORPUS.length} rows`);
    const covered = new Set(CORPUS.map(([validator]) => validator));
    for (const validator of Object.keys(VALIDATORS)) {
      assert.ok(covered.has(validator as keyof typeof VALIDATORS), validator);
    }
  });

  for (const [validator, input, verdict, rule] of CORPUS) {
    it(`${validator} ${verdict === 'ok' ? 'accepts' : 'refuses'} ${label(input)}: ${rule}`, () => {
      const message = VALIDATORS[validator](input);
      if (verdict === 'ok') {
        assert.equal(message, undefined);
        return;
      }
      assert.ok(message !== undefined && message.length > 0, 'refused with a message');
      assert.equal(unsafeCharacter(message), undefined, message);
      assert.ok(message.length <= 400, `a short message (${message.length}): ${message}`);
    });
  }
});
