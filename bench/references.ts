/**
 * References benchmark (not a test): AMI ids in code, at the size of a large Terraform file.
 *
 *   npm run bench:references [-- --runs 5 --latency 60]
 *
 * A generated Terraform file of 5,000 lines with 200 distinct AMI ids over 5 regions (one aliased
 * AWS provider per region, each resource naming its provider), against the local EC2 endpoint
 * (child process, `scale:40x5` seed) behind a proxy adding `--latency` ms per call. It measures what
 * the editor integration does, without VS Code: the whole-document check (find ids and regions,
 * one batched lookup, the verdict per id) from a cold cache, and then the hover, which scans the
 * document again and answers from the cache. It prints EC2 calls (target: one per region), time to
 * all problems, and hover latency from the cache (target <= 50 ms). Nothing fails on a target.
 */
import { parseArgs } from 'node:util';
import { DescribeImagesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  benchImages,
  DEMO_CREDENTIALS,
  startEndpoint,
  stopEndpoint,
  useDemoCredentials,
} from './benchEndpoint';
import { LatencyProxy } from './latencyProxy';
import type { RegionAnswer } from '../src/core/model/amiReferenceStatus';
import { judgeReference } from '../src/core/model/amiReferenceStatus';
import { findAmiReferences } from '../src/core/model/amiReferences';
import type { AmiReference } from '../src/core/model/amiReferences';
import { AmiReferenceLookup, lookupKey } from '../src/core/services/amiReferenceLookup';
import type { LookupResult } from '../src/core/services/amiReferenceLookup';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    latency: { type: 'string', default: '60' },
  },
  strict: true,
});
const RUNS = Math.max(1, Number(values.runs));
const LATENCY_MS = Math.max(0, Number(values.latency));
const REGION_COUNT = 5;
const LINES = 5000;
const MISSING_IDS = Array.from({ length: 10 }, (_, i) => `ami-0${String(i).padStart(16, 'e')}`);

/** 40 AMI ids of the demo account in each region of the scale seed. */
async function idsByRegion(url: string): Promise<Map<string, string[]>> {
  const client = (region: string): EC2Client =>
    new EC2Client({
      region,
      endpoint: url,
      credentials: {
        accessKeyId: DEMO_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: DEMO_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
  const { Regions = [] } = await client('us-east-1').send(new DescribeRegionsCommand({}));
  const byRegion = new Map<string, string[]>();
  for (const region of Regions.flatMap((r) => (r.RegionName ? [r.RegionName] : []))) {
    const { Images = [] } = await client(region).send(
      new DescribeImagesCommand({ Owners: ['self'] }),
    );
    const ids = Images.slice(0, 40).flatMap((i) => (i.ImageId ? [i.ImageId] : []));
    // Ten ids in the first region that EC2 does not know: each is a problem to report.
    if (byRegion.size === 0) ids.splice(30, 10, ...MISSING_IDS);
    if (ids.length > 0) byRegion.set(region, ids);
  }
  return byRegion;
}

/** A Terraform file: one provider per region, 200 instances, comments up to 5,000 lines. */
function terraform(byRegion: Map<string, string[]>): string {
  const lines: string[] = [];
  for (const [index, region] of [...byRegion.keys()].entries()) {
    lines.push('provider "aws" {', `  alias  = "r${index}"`, `  region = "${region}"`, '}', '');
  }
  const resources = [...byRegion.entries()].flatMap(([region, ids]) =>
    ids.map((id) => ({ alias: `r${[...byRegion.keys()].indexOf(region)}`, id })),
  );
  const filler = Math.floor((LINES - lines.length) / resources.length) - 7;
  for (const [n, { alias, id }] of resources.entries()) {
    lines.push(`resource "aws_instance" "i${n}" {`, `  provider      = aws.${alias}`);
    lines.push(`  ami           = "${id}"`, '  instance_type = "t3.micro"', '  tags = {');
    for (let f = 0; f < filler; f++) lines.push(`    Line${f} = "filler ${n}.${f}"`);
    lines.push('  }', '}');
  }
  while (lines.length < LINES) lines.push('# end');
  return lines.join('\n');
}

function answersOf(
  references: readonly AmiReference[],
  results: Map<string, LookupResult>,
): RegionAnswer[][] {
  return references.map((r) => {
    const region = r.region?.region ?? '';
    const result = results.get(lookupKey(region, r.imageId));
    if (result?.kind === 'found') return [{ region, kind: 'found', image: result.image }];
    if (result?.kind === 'missing') return [{ region, kind: 'missing' }];
    return [{ region, kind: 'failed', reason: 'failed' }];
  });
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  useDemoCredentials();
  const { url, child } = await startEndpoint(['--seed', `scale:40x${REGION_COUNT}`]);
  const proxy = await LatencyProxy.start(url, LATENCY_MS);
  try {
    const byRegion = await idsByRegion(url);
    const text = terraform(byRegion);
    const { images } = benchImages(proxy.url);
    // Warm up: the SDK chunk and a connection per region, as a running extension has them.
    for (const region of byRegion.keys()) await images.findById(region, ['ami-00000000']);

    const checks: number[] = [];
    const hovers: number[] = [];
    let calls = 0;
    let problems = 0;
    let ids = 0;
    for (let run = 0; run < RUNS; run++) {
      const lookup = new AmiReferenceLookup((region, idList, signal) =>
        images.findById(region, idList, signal),
      );
      proxy.reset();
      const t0 = performance.now();
      const references = findAmiReferences(text, 'blocks');
      const results = await lookup.lookup(
        references.map((r) => ({ imageId: r.imageId, regions: r.region ? [r.region.region] : [] })),
      );
      const now = new Date();
      const answers = answersOf(references, results);
      problems = references.reduce(
        (n, r, i) => n + judgeReference(r, answers[i] ?? [], now, 30).findings.length,
        0,
      );
      checks.push(performance.now() - t0);
      calls = Object.values(proxy.calls()).reduce((n, c) => n + c, 0);
      ids = new Set(references.map((r) => r.imageId)).size;

      // Hovers over ids spread over the file, answered from the cache.
      for (let h = 0; h < 20; h++) {
        const target = references[(h * 37) % references.length];
        if (target === undefined) continue;
        const t1 = performance.now();
        const at = findAmiReferences(text, 'blocks').filter(
          (r) => r.start <= target.start && target.start <= r.end,
        );
        const cached = await lookup.lookup(
          at.map((r) => ({ imageId: r.imageId, regions: r.region ? [r.region.region] : [] })),
        );
        judgeReference(at[0] ?? target, answersOf(at, cached)[0] ?? [], new Date(), 30);
        hovers.push(performance.now() - t1);
      }
    }
    console.log(
      `AMI ids in code: a Terraform file of ${text.split('\n').length} lines, ${ids} distinct ids over ${byRegion.size} regions, ${LATENCY_MS} ms per call, ${RUNS} runs`,
    );
    console.log(
      `  EC2 calls per check            ${calls}  (target: one per region = ${byRegion.size})`,
    );
    console.log(`  problems found                 ${problems}`);
    console.log(
      `  time to all problems (cold)    median ${ms(median(checks))}, min ${ms(Math.min(...checks))}, max ${ms(Math.max(...checks))}`,
    );
    console.log(
      `  hover from the cache           median ${ms(median(hovers))}, max ${ms(Math.max(...hovers))}  (target <= 50 ms)`,
    );
  } finally {
    await proxy.close();
    await stopEndpoint(child);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
