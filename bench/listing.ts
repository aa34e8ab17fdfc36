/**
 * Listing benchmark (not a test): what a user waits for when the Images view opens, against the
 * local EC2 endpoint behind a proxy that adds a far region's latency to every call.
 *
 *   npm run bench:listing [-- [--runs 3] [--latency 60] [--only 17x1000|50000|17x100] [--concurrency N]]
 *
 * Scenarios: 1,000 AMIs in each of 17 regions (the regions enabled by default), 50,000 AMIs in one
 * region, and 100 in each of 17 regions (where latency, not parsing, dominates). Each run is a fresh process (bench/listingRun.ts, bundled here like dist/: our code,
 * and the SDK as its own chunk loaded on first use), so every run starts where a user starts when
 * the view becomes visible: extension loaded, SDK not. It prints, per scenario:
 *   - first AMI row: when the listing hands over its first page of AMIs
 *     (ImageService.listImagePages, which the Images view shows page by page; see listingRun.ts);
 *   - all rows: when every page of every region is in;
 *   - calls, counted by the proxy;
 *   - heap after a full GC with the AMIs held, and the part the AMIs hold;
 *   - the raw-HTTP floor of the same run: the same DescribeImages pages as plain HTTP POSTs with
 *     NextToken, nothing parsed; and core ÷ floor.
 * The endpoint's own demo credentials are used (never the machine's AWS configuration), so it runs
 * as it is on a fresh clone. Nothing fails on a threshold.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { DEMO_CREDENTIALS, startEndpoint, stopEndpoint } from './benchEndpoint';
import { LatencyProxy } from './latencyProxy';
import type { RunResult } from './listingRun';

/** The emulator's demo account; it accepts any secret. */

interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly seed: string;
  /** Also measure a first session, with no region list remembered. */
  readonly firstSession: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: '17x1000',
    title: '17 regions × 1,000 AMIs',
    seed: 'scale:1000x17',
    firstSession: true,
  },
  { name: '50000', title: '1 region × 50,000 AMIs', seed: 'scale:50000', firstSession: false },
  {
    // Latency rather than parsing dominates: what the number of regions at once costs.
    name: '17x100',
    title: '17 regions × 100 AMIs',
    seed: 'scale:100x17',
    firstSession: true,
  },
];

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    latency: { type: 'string', default: '60' },
    only: { type: 'string' },
    concurrency: { type: 'string' },
  },
  strict: true,
});
const RUNS = Math.max(1, Number(values.runs));
const LATENCY_MS = Math.max(0, Number(values.latency));

const startSeeded = (seed: string): ReturnType<typeof startEndpoint> =>
  startEndpoint(['--seed', seed]);

/**
 * Bundles listingRun.ts as scripts/build.mjs bundles the extension: the SDK module is its own
 * file, required the first time loadSdk() is called (production options: minified, no map).
 */
async function buildRunner(dir: string): Promise<string> {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    outdir: dir,
  } as const;
  await esbuild.build({
    ...common,
    entryPoints: { sdk: 'src/core/aws/sdk.ts' },
    external: ['@aws-sdk/signature-v4-crt', 'aws-crt'],
    mainFields: ['module', 'main'],
  });
  await esbuild.build({
    ...common,
    entryPoints: { listingRun: 'bench/listingRun.ts' },
    supported: { 'dynamic-import': false },
    plugins: [
      {
        name: 'lazy-sdk',
        setup(build) {
          build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
            args.importer.endsWith('loadSdk.ts') ? { path: './sdk.js', external: true } : undefined,
          );
        },
      },
    ],
  });
  return join(dir, 'listingRun.js');
}

/** The environment of a run: no AWS setting of this machine, only the endpoint's demo account. */
function runEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')),
  );
  return {
    ...env,
    ...DEMO_CREDENTIALS,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

async function run(runner: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const child = spawn(process.execPath, ['--expose-gc', runner, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`a run failed (exit ${String(code)}): ${output}`);
  return JSON.parse(output.trim().split('\n').pop() ?? '') as RunResult;
}

/** The regions the endpoint serves, from DescribeRegions (setup, not measured). */
async function regionsOf(url: string): Promise<string[]> {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${DEMO_CREDENTIALS.AWS_ACCESS_KEY_ID}/${day}/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: 'Action=DescribeRegions&Version=2016-11-15',
  });
  const xml = await response.text();
  return [...xml.matchAll(/<regionName>([^<]+)<\/regionName>/g)].map((m) => m[1] ?? '');
}

interface Measured {
  readonly result: RunResult;
  readonly calls: Record<string, number>;
}

interface Variant {
  readonly label: string;
  readonly args: string[];
  readonly samples: Measured[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "median [min]" of one measure over the samples. */
function stat(
  samples: Measured[],
  pick: (r: RunResult) => number | undefined,
  fmt = seconds,
): string {
  const xs = samples.map((s) => pick(s.result)).filter((x): x is number => x !== undefined);
  if (xs.length === 0) return '–';
  return `${fmt(median(xs))} [${fmt(Math.min(...xs))}]`;
}

function callsText(calls: Record<string, number>): string {
  return Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${n} ${action}`)
    .join(' + ');
}

async function scenario(s: Scenario, runner: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { url, child } = await startSeeded(s.seed);
  const proxy = await LatencyProxy.start(url, LATENCY_MS);
  try {
    const regions = (await regionsOf(url)).join(',');
    const common = ['--endpoint', proxy.url, '--regions', regions];
    const limit = values.concurrency !== undefined ? ['--concurrency', values.concurrency] : [];
    const variants: Variant[] = [
      { label: 'raw-HTTP floor', args: ['--mode', 'floor', ...common], samples: [] },
      {
        label: 'core, region list remembered',
        args: ['--mode', 'core', '--remembered', ...common, ...limit],
        samples: [],
      },
      ...(s.firstSession
        ? [
            {
              label: 'core, first session',
              args: ['--mode', 'core', ...common, ...limit],
              samples: [],
            },
          ]
        : []),
    ];
    // Warm the endpoint (its first answers compile its own code paths), unmeasured.
    await run(runner, ['--mode', 'floor', ...common], env);
    for (let i = 0; i < RUNS; i++) {
      for (const variant of variants) {
        proxy.reset();
        const result = await run(runner, variant.args, env);
        variant.samples.push({ result, calls: proxy.calls() });
      }
    }
    report(s, variants);
  } finally {
    await proxy.close();
    await stopEndpoint(child);
  }
}

function report(s: Scenario, variants: Variant[]): void {
  const [floor, ...cores] = variants;
  if (!floor) return;
  const pad = (text: string, n: number): string => text.padEnd(n);
  console.log(`\n${s.title}: median [min] of ${RUNS} run(s)`);
  console.log(
    `  ${pad('', 38)}${pad('first AMI row', 18)}${pad('all rows', 18)}${pad('SDK loaded', 18)}calls`,
  );
  for (const v of variants) {
    const images = v.samples[0]?.result.images ?? 0;
    console.log(
      `  ${pad(v.label, 38)}${pad(
        stat(v.samples, (r) => r.firstRowMs),
        18,
      )}${pad(
        stat(v.samples, (r) => r.allRowsMs),
        18,
      )}${pad(
        stat(v.samples, (r) => r.sdkReadyMs),
        18,
      )}${callsText(v.samples[0]?.calls ?? {})}` + `  (${images.toLocaleString('en')} AMIs)`,
    );
  }
  for (const v of cores) {
    console.log(
      `  ${pad(v.label, 38)}heap after GC ${stat(v.samples, (r) => r.heapAfterGcBytes, mb)}, ` +
        `of which the AMIs ${stat(v.samples, (r) => r.heapOfResultBytes, mb)}`,
    );
  }
  const floorFirst = median(floor.samples.map((x) => x.result.firstRowMs));
  const floorAll = median(floor.samples.map((x) => x.result.allRowsMs));
  for (const v of cores) {
    const first = median(v.samples.map((x) => x.result.firstRowMs));
    const all = median(v.samples.map((x) => x.result.allRowsMs));
    console.log(
      `  ${pad(`${v.label} ÷ floor`, 38)}first AMI row ${(first / floorFirst).toFixed(1)}×, ` +
        `all rows ${(all / floorAll).toFixed(1)}× (medians)`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ami-bench-'));
  try {
    const runner = await buildRunner(dir);
    const env = runEnvironment(dir);
    console.log(
      `AMI Explorer listing through a proxy adding ${LATENCY_MS} ms per call; times from "view visible" ` +
        '(extension loaded, SDK chunk not yet)',
    );
    if (values.concurrency !== undefined) {
      console.log(`regions listed at once: ${values.concurrency} (not the default)`);
    }
    console.log(
      'first AMI row = the first page of AMIs handed over by the listing ' +
        '(ImageService.listImagePages, which the Images view shows page by page)',
    );
    for (const s of SCENARIOS) {
      if (values.only !== undefined && values.only !== s.name) continue;
      await scenario(s, runner, env);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
