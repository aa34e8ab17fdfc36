import type { ScaleSeedOptions } from '../ec2-emulator/seeds/scaleSeed';

/** The emulator's demo account, known to its `demo` seed; the emulator accepts any secret. */
export const DEMO_ACCESS_KEY_ID = 'AKIAAMIEXPLORERDEMO1';

/** Environment variable through which the tests learn the emulator's URL (fault injection). */
export const EMULATOR_URL_VARIABLE = 'AMI_TEST_EMULATOR_URL';

/**
 * Environment variable with the URL of a second emulator holding a large estate
 * (`LARGE_ESTATE`), for the tests of regions that list in many pages.
 */
export const LARGE_ESTATE_URL_VARIABLE = 'AMI_TEST_LARGE_ESTATE_URL';

/**
 * The large estate: 20,000 AMIs of the demo account in us-east-1 (20 pages of 1,000) and 1,000 in
 * eu-west-1, one in twenty instance store-backed (`seedScaleEstate`).
 */
export const LARGE_ESTATE: ScaleSeedOptions = {
  imagesPerRegion: 1000,
  imagesInRegions: [20_000],
  regions: 2,
};

/** User settings of an integration or e2e run: the extension talks to the local emulator only. */
export function integrationSettings(emulatorUrl: string): Record<string, unknown> {
  return {
    'amiExplorer.endpointUrl': emulatorUrl,
  };
}

/**
 * Environment of the extension host: the demo credentials through the SDK's environment
 * provider (HOME is a fresh folder, so no shared config file interferes).
 */
export function integrationEnvironment(emulatorUrl: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'integration-test-secret',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    [EMULATOR_URL_VARIABLE]: emulatorUrl,
  };
}

/**
 * Environment of the no-credentials run: every AWS_* variable the caller's shell may carry is
 * blanked (the SDK treats an empty value as absent; the harness cannot unset variables), instance
 * metadata is off as on any laptop, and HOME is the harness's fresh, empty folder, so no ~/.aws.
 */
export function noCredentialsEnvironment(
  emulatorUrl: string,
  callerEnv: NodeJS.ProcessEnv,
): Record<string, string> {
  const blanked = Object.fromEntries(
    Object.keys(callerEnv)
      .filter((key) => key.startsWith('AWS_'))
      .map((key) => [key, '']),
  );
  return {
    ...blanked,
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    [EMULATOR_URL_VARIABLE]: emulatorUrl,
  };
}
