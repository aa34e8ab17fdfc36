/**
 * Listing benchmark (not a test): how long AMI Explorer's core takes to list AMIs at scale against the
 * local EC2 endpoint, and how much memory the result holds. The endpoint runs in a child process so
 * its work and memory are not counted here.
 *
 *   npm run bench:listing
 *
 * Scenarios: 50,000 AMIs in one region (50 pages of 1,000), and 1,000 AMIs in each of 20 regions
 * listed with the default region concurrency (4).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Ec2ClientFactory } from '../src/core/aws/clientFactory';
import { Ec2 } from '../src/core/aws/ec2';
import { Images } from '../src/core/aws/images';
import { Regions } from '../src/core/aws/regions';
import { groupByBackingType } from '../src/core/model/grouping';
import type { ListingScope } from '../src/core/model/scope';
import { ConcurrencyLimiter } from '../src/core/services/concurrency';
import { ImageService } from '../src/core/services/imageService';
import { RegionService } from '../src/core/services/regionService';

const OWNED: ListingScope = {
  kind: 'owned',
  accountIds: [],
  nameFilter: '',
  includeDeprecated: false,
  includeDisabled: false,
};

async function startEndpoint(seed: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/ec2-emulator/cli.ts', '--port', '0', '--seed', seed],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8');
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const url = /https?:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    if (url) return { url, child };
  }
  throw new Error(`the endpoint did not start: ${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function services(url: string): {
  images: ImageService;
  regions: RegionService;
  calls: () => number;
} {
  let calls = 0;
  const clients = new Ec2ClientFactory(
    () => ({
      endpointUrl: url,
      requestTimeoutMs: 60_000,
      connectionTimeoutMs: 5_000,
      maxAttempts: 5,
    }),
    { apiCall: () => calls++ },
  );
  const ec2 = new Ec2(clients, () => undefined);
  return {
    images: new ImageService(new Images(ec2)),
    regions: new RegionService(new Regions(ec2)),
    calls: () => calls,
  };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function oneBigRegion(): Promise<void> {
  const { url, child } = await startEndpoint('scale:50000');
  try {
    const { images, calls } = services(url);
    await images.listImages('us-east-1', { ...OWNED, nameFilter: 'web-000000' }); // warm up (SDK load, connection)
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const callsBefore = calls();
    const t0 = performance.now();
    const list = await images.listImages('us-east-1', OWNED);
    const t1 = performance.now();
    const groups = groupByBackingType(list, 'newest');
    const t2 = performance.now();
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log('50,000 AMIs in one region');
    console.log(`  AMIs listed                 ${list.length}`);
    console.log(`  DescribeImages calls        ${calls() - callsBefore}`);
    console.log(`  list (all pages)            ${(t1 - t0).toFixed(0)} ms`);
    console.log(
      `  group + sort                ${(t2 - t1).toFixed(1)} ms  (${groups.map((g) => `${g.backingType} ${g.images.length}`).join(', ')})`,
    );
    console.log(
      `  heap held by the result     ${mb(heapAfter - heapBefore)}${global.gc ? '' : ' (run with --expose-gc for a steadier number)'}`,
    );
    console.log(`  peak RSS of this process    ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await stop(child);
  }
}

async function twentyRegions(): Promise<void> {
  const { url, child } = await startEndpoint('scale:1000x20');
  try {
    const { images, regions, calls } = services(url);
    const resolved = await regions.resolveRegions([], 'us-east-1');
    const limiter = new ConcurrencyLimiter(4);
    const callsBefore = calls();
    const t0 = performance.now();
    const perRegion = await Promise.all(
      resolved.regions.map((r) => limiter.run(() => images.listImages(r, OWNED))),
    );
    const t1 = performance.now();
    console.log(`1,000 AMIs in each of ${resolved.regions.length} regions, 4 at a time`);
    console.log(`  AMIs listed                 ${perRegion.reduce((n, l) => n + l.length, 0)}`);
    console.log(`  DescribeImages calls        ${calls() - callsBefore}`);
    console.log(`  all regions listed          ${(t1 - t0).toFixed(0)} ms`);
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  await oneBigRegion();
  await twentyRegions();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
