import { EMULATOR_URL_VARIABLE } from './integrationSetup';
import { RecordingEndpoint } from './recordingEndpoint';
import { setSettings } from './userSettings';

/**
 * For a mocha suite: points `amiExplorer.endpointUrl` at a recording endpoint in front of the
 * emulator (the one whose URL is in the environment variable `urlVariable`) before its tests and
 * back afterwards. Returns a getter for the endpoint.
 */
export function routeThroughRecordingEndpoint(
  urlVariable: string = EMULATOR_URL_VARIABLE,
): () => RecordingEndpoint {
  let endpoint: RecordingEndpoint | undefined;
  let restore: (() => Promise<void>) | undefined;
  before(async () => {
    const emulatorUrl = process.env[urlVariable];
    if (emulatorUrl === undefined) {
      throw new Error(`${urlVariable} is not set; run through runIntegrationTests.ts`);
    }
    endpoint = await RecordingEndpoint.start(emulatorUrl);
    restore = await setSettings({ endpointUrl: endpoint.url });
  });
  after(async () => {
    await restore?.();
    await endpoint?.close();
  });
  return () => {
    if (endpoint === undefined) throw new Error('the recording endpoint is not running');
    return endpoint;
  };
}
