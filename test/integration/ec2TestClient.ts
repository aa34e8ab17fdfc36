import { createRequire } from 'node:module';
import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import { DEMO_ACCESS_KEY_ID, EMULATOR_URL_VARIABLE } from './integrationSetup';

/**
 * The real AWS SDK, loaded from the repository's node_modules at run time rather than bundled into
 * every test file (the bundles live in out/, inside the repository, so resolution works).
 */
export function ec2Sdk(): typeof Ec2Sdk {
  return createRequire(__filename)('@aws-sdk/client-ec2') as typeof Ec2Sdk;
}

/**
 * An EC2 client of the demo account "me", straight to the emulator (the demo estate's, or the one
 * whose URL is in `urlVariable`): the tests arrange state with it (copy an image, change a
 * description) as another tool of the user's would.
 */
export function ec2Client(
  region: string,
  urlVariable: string = EMULATOR_URL_VARIABLE,
): Ec2Sdk.EC2Client {
  const endpoint = process.env[urlVariable];
  if (endpoint === undefined) {
    throw new Error(`${urlVariable} is not set; run through runIntegrationTests.ts`);
  }
  const sdk = ec2Sdk();
  return new sdk.EC2Client({
    region,
    endpoint,
    credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'integration-test-secret' },
    maxAttempts: 1,
  });
}
