/**
 * One measured listing of `npm run bench:listing`, run in a fresh process (bench/listing.ts builds
 * this file with the SDK as its own lazily loaded chunk, as in dist/, and starts it once per run).
 * Prints one JSON line (`RunResult`).
 *
 *   --mode core     AMI Explorer's core as the Images view drives it, from the moment the view is
 *                   visible (our code loaded, the SDK chunk not yet): the SDK preload the view
 *                   triggers, the region source, the region limiter, the listing page by page.
 *   --mode floor    plain HTTP POSTs of the same DescribeImages pages (NextToken followed by a
 *                   regular expression, nothing parsed), every region at once: what the network and
 *                   the endpoint cost, and nothing else.
 *   --endpoint URL  the latency proxy; --regions a,b,c the regions the endpoint serves;
 *   --remembered    (core) the region list is remembered from an earlier session;
 *   --concurrency N (core) regions listed at once, instead of the setting's default.
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { loadSdk } from '../src/core/aws/loadSdk';
import { Regions } from '../src/core/aws/regions';
import type { Ami } from '../src/core/model/ami';
import type { ListingScope } from '../src/core/model/scope';
import { AccountIdentity } from '../src/core/services/accountIdentity';
import { benchImages } from './benchEndpoint';
import { ImageService } from '../src/core/services/imageService';
import {
  ConcurrencyLimiter,
  DEFAULT_MAX_CONCURRENT_REGIONS,
} from '../src/core/services/concurrency';
import { ProfileService } from '../src/core/services/profileService';
import type { KeyValueStore } from '../src/core/services/regionMemory';
import { RegionMemory } from '../src/core/services/regionMemory';
import { RegionService } from '../src/core/services/regionService';
import { RegionSource } from '../src/core/services/regionSource';
import { whenFirstVisible } from '../src/startEarly';

/** What one run measured; times in ms from "view visible". */
export interface RunResult {
  readonly firstRowMs: number;
  readonly allRowsMs: number;
  readonly images: number;
  readonly pages: number;
  /** When the SDK chunk had loaded (core only). */
  readonly sdkReadyMs?: number;
  /** Heap after a full GC with every listed AMI still held (core only). */
  readonly heapAfterGcBytes?: number;
  /** The part of it that the listed AMIs hold: the same, less the heap once they are dropped. */
  readonly heapOfResultBytes?: number;
}

/** The Images view's default scope. */
const OWNED: ListingScope = {
  kind: 'owned',
  accountIds: [],
  nameFilter: '',
  includeDeprecated: false,
  includeDisabled: false,
};

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    endpoint: { type: 'string' },
    regions: { type: 'string' },
    remembered: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
  },
  strict: true,
});
const endpoint = values.endpoint ?? '';
const regionNames = (values.regions ?? '').split(',').filter((r) => r.length > 0);

/**
 * The listing under test, page by page, as the Images view drives it: `ImageService.listImagePages`
 * hands over each page's AMIs as soon as the page has arrived (the next one already requested).
 */
async function listPages(
  images: ImageService,
  region: string,
  onPage: (images: Ami[]) => void,
): Promise<void> {
  for await (const page of images.listImagePages(region, OWNED)) onPage(page);
}

/** VS Code's global state, in memory, holding what an earlier session remembered (or nothing). */
class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

function heapAfterGc(): number {
  if (!global.gc) throw new Error('run with --expose-gc');
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

async function core(): Promise<RunResult> {
  const { clients, ec2, images: ec2Images } = benchImages(endpoint);
  const imageService = new ImageService(ec2Images);
  const memory = new RegionMemory(new MemoryStore());
  if (values.remembered) {
    await memory.set(JSON.stringify(['', endpoint]), {
      configured: [],
      resolved: { regions: regionNames, source: 'account' },
      accountId: '111111111111',
    });
  }
  const regions = new RegionSource({
    api: ec2,
    regionService: new RegionService(new Regions(ec2)),
    profiles: new ProfileService(),
    configuredRegions: () => [],
    activeProfile: () => undefined,
    endpointUrl: () => endpoint,
    identity: new AccountIdentity(),
    memory,
  });
  heapAfterGc();

  // The view is visible.
  const t0 = performance.now();
  let sdkReadyMs = 0;
  whenFirstVisible([{ visible: true, onDidChangeVisibility: () => ({ dispose() {} }) }], () => {
    clients.preloadSdk();
    void loadSdk().then(() => (sdkReadyMs = performance.now() - t0));
  });
  let firstRowMs: number | undefined;
  let pages = 0;
  let images = 0;
  let held: Ami[][] | undefined = [];
  const resolved = await regions.get();
  const limiter = new ConcurrencyLimiter(
    values.concurrency !== undefined ? Number(values.concurrency) : DEFAULT_MAX_CONCURRENT_REGIONS,
  );
  await Promise.all(
    resolved.regions.map((region) =>
      limiter.run(() =>
        listPages(imageService, region, (page) => {
          firstRowMs ??= page.length > 0 ? performance.now() - t0 : undefined;
          pages++;
          images += page.length;
          held?.push(page);
        }),
      ),
    ),
  );
  const allRowsMs = performance.now() - t0;

  const withResult = heapAfterGc();
  held = undefined;
  const withoutResult = heapAfterGc();
  return {
    firstRowMs: firstRowMs ?? allRowsMs,
    allRowsMs,
    images,
    pages,
    sdkReadyMs,
    heapAfterGcBytes: withResult,
    heapOfResultBytes: withResult - withoutResult,
  };
}

/** A SigV4-shaped header: the endpoint reads the access key and region from it, not the signature. */
function authorization(region: string): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return (
    `AWS4-HMAC-SHA256 Credential=${process.env.AWS_ACCESS_KEY_ID ?? ''}/${day}/${region}/ec2/aws4_request, ` +
    'SignedHeaders=host;x-amz-date, Signature=0'
  );
}

async function floor(): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(endpoint);
  const post = (region: string, body: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            authorization: authorization(region),
            'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d+/g, ''),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) resolve(text);
            else reject(new Error(`${region}: HTTP ${res.statusCode ?? 0}: ${text.slice(0, 300)}`));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const t0 = performance.now();
  let firstRowMs: number | undefined;
  let pages = 0;
  let images = 0;
  await Promise.all(
    regionNames.map(async (region) => {
      let token: string | undefined;
      do {
        const query = new URLSearchParams({
          Action: 'DescribeImages',
          Version: '2016-11-15',
          'Owner.1': 'self',
          MaxResults: '1000',
          ...(token ? { NextToken: token } : {}),
        });
        const xml = await post(region, query.toString());
        pages++;
        const count = xml.split('<imageId>').length - 1;
        images += count;
        if (count > 0) firstRowMs ??= performance.now() - t0;
        token = /<nextToken>([^<]+)<\/nextToken>/.exec(xml)?.[1];
      } while (token);
    }),
  );
  const allRowsMs = performance.now() - t0;
  agent.destroy();
  return { firstRowMs: firstRowMs ?? allRowsMs, allRowsMs, images, pages };
}

async function main(): Promise<void> {
  const result = values.mode === 'floor' ? await floor() : await core();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
