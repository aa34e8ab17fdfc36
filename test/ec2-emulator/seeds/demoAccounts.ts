import type { AccessKeyInfo, AccountInfo } from '../state/accountDirectory';
import type { RegionConfig } from '../state/regionCatalog';

/** The caller "me" in the demo estate. */
export const demoAccountId = '111111111111';
/** A second customer account in the same organization, for sharing scenarios. */
export const partnerAccountId = '222222222222';
/** A customer account outside the organization: organization shares must not reach it. */
export const outsiderAccountId = '333333333333';
/** Amazon's owner account for Amazon Linux images (owner alias `amazon`). */
export const amazonAccountId = '137112412989';
/** AWS Marketplace's owner account (owner alias `aws-marketplace`). */
export const marketplaceAccountId = '679593333241';

/** Access key of "me" (any secret is accepted). */
export const demoAccessKeyId = 'AKIAAMIEXPLORERDEMO1';
/** Access key of the partner account. */
export const partnerAccessKeyId = 'AKIAAMIEXPLORERDEMO2';
/** Access key of the outsider account. */
export const outsiderAccessKeyId = 'AKIAAMIEXPLORERDEMO3';
/** A read-only principal in "my" account: mutating actions answer UnauthorizedOperation. */
export const readOnlyAccessKeyId = 'AKIAAMIEXPLORERREAD1';

/** The demo organization both customer accounts belong to. */
export const demoOrganizationArn = 'arn:aws:organizations::111111111111:organization/o-demo123456';
/** The OU "me" sits in. */
export const demoPlatformOuArn =
  'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';
/** The OU the partner account sits in. */
export const demoAppsOuArn =
  'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-apps00001';

/** Accounts of every seed. */
export const demoAccounts: readonly AccountInfo[] = [
  {
    accountId: demoAccountId,
    organizationArn: demoOrganizationArn,
    organizationalUnitArns: [demoPlatformOuArn],
  },
  {
    accountId: partnerAccountId,
    organizationArn: demoOrganizationArn,
    organizationalUnitArns: [demoAppsOuArn],
  },
  { accountId: outsiderAccountId },
  { accountId: amazonAccountId, alias: 'amazon' },
  { accountId: marketplaceAccountId, alias: 'aws-marketplace' },
];

/** Access keys of every seed. */
export const demoAccessKeys: readonly AccessKeyInfo[] = [
  { accessKeyId: demoAccessKeyId, accountId: demoAccountId },
  { accessKeyId: readOnlyAccessKeyId, accountId: demoAccountId, readOnly: true },
  { accessKeyId: partnerAccessKeyId, accountId: partnerAccountId },
  { accessKeyId: outsiderAccessKeyId, accountId: outsiderAccountId },
];

/** Demo regions: three enabled, one opt-in region that is not opted in (answers AuthFailure). */
export const demoRegions: readonly RegionConfig[] = [
  { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-southeast-2', optInStatus: 'opt-in-not-required' },
  { name: 'af-south-1', optInStatus: 'not-opted-in' },
];
