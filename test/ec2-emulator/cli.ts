import { parseArgs } from 'node:util';
import type { EmulatorSeed } from './startEc2Emulator';
import { startEc2Emulator } from './startEc2Emulator';

/**
 * `tsx test/ec2-emulator/cli.ts --port 4599 --seed demo [--pending-ms N] [--fail-rate F]`
 * Seeds: `demo`, `empty`, or `scale:IMAGES[xREGIONS]` (e.g. `scale:50000`, `scale:1000x20`).
 * Prints one line with the URL, then serves until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4599' },
      seed: { type: 'string', default: 'demo' },
      'pending-ms': { type: 'string' },
      'fail-rate': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid --port ${values.port}`);
  }
  const emulator = await startEc2Emulator({
    port,
    seed: parseSeed(values.seed),
    pendingMs: values['pending-ms'] === undefined ? undefined : Number(values['pending-ms']),
    failRate: values['fail-rate'] === undefined ? undefined : Number(values['fail-rate']),
  });
  process.stdout.write(`EC2 emulator listening on ${emulator.url}\n`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parseSeed(seed: string): EmulatorSeed {
  if (seed === 'demo' || seed === 'empty') {
    return seed;
  }
  const scale = /^scale:(\d+)(?:x(\d+))?$/.exec(seed);
  if (scale?.[1]) {
    return {
      scale: { imagesPerRegion: Number(scale[1]), regions: scale[2] ? Number(scale[2]) : 1 },
    };
  }
  throw new Error(`unknown --seed ${seed} (expected demo, empty or scale:IMAGES[xREGIONS])`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
