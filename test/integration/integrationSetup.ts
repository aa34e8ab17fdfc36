/** The emulator's demo account, known to its `demo` seed; the emulator accepts any secret. */
export const DEMO_ACCESS_KEY_ID = 'AKIAAMIEXPLORERDEMO1';

/** Environment variable through which the tests learn the emulator's URL (fault injection). */
export const EMULATOR_URL_VARIABLE = 'AMI_TEST_EMULATOR_URL';

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
