/**
 * Cleanup benchmark (not a test): a cleanup plan over 5,000 AMIs in 3 regions.
 *
 *   npm run bench:cleanup [-- --runs 3 --latency 20]
 *
 * The local EC2 endpoint (child process, `scale:1667x3` seed: 8 families per region) behind a proxy
 * adding `--latency` ms per call. It runs what the Cleanup Assistant runs to preview
 * (`CleanupService.plan`, default rules: keep the newest 3 per family, not referenced, skip
 * shared) and prints the EC2 calls by action and the time, once with shared AMIs skipped (launch
 * permissions read per chosen AMI: EC2 has no batch form) and once with them included. Target: the
 * listing pages, plus DescribeImageReferences in batches of 10 image ids (the most the API
 * accepts), and no other per-AMI call. Nothing fails on a target.
 */
import { parseArgs } from 'node:util';
import { benchImages, startEndpoint, stopEndpoint, useDemoCredentials } from './benchEndpoint';
import { LatencyProxy } from './latencyProxy';
import type { Ami } from '../src/core/model/ami';
import { DEFAULT_CLEANUP_RULES } from '../src/core/model/cleanupPlan';
import { familyPattern } from '../src/core/model/imageFamily';
import { CleanupService } from '../src/core/services/cleanupService';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    latency: { type: 'string', default: '20' },
  },
  strict: true,
});
const RUNS = Math.max(1, Number(values.runs));
const LATENCY_MS = Math.max(0, Number(values.latency));
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

async function main(): Promise<void> {
  useDemoCredentials();
  const { url, child } = await startEndpoint(['--seed', 'scale:1667x3']);
  const proxy = await LatencyProxy.start(url, LATENCY_MS);
  try {
    const { images } = benchImages(proxy.url);
    const service = new CleanupService(images, () => undefined);
    for (const includeShared of [false, true]) {
      const times: number[] = [];
      let calls: Record<string, number> = {};
      let summary = '';
      for (let run = 0; run < RUNS; run++) {
        proxy.reset();
        const started = performance.now();
        const plan = await service.plan(REGIONS, {
          rules: { ...DEFAULT_CLEANUP_RULES, includeShared },
          familyOf: (ami: Ami) => (ami.name ? familyPattern(ami.name) : undefined),
          pricePerGbMonth: 0.05,
          now: new Date(),
        });
        times.push(performance.now() - started);
        calls = proxy.calls();
        summary = `${plan.candidates.length + plan.refused.length} AMIs, ${plan.candidates.length} candidates, ${plan.totals.gib} GiB (up to $${plan.totals.monthlyCostUpperBound.toFixed(2)} a month)`;
      }
      const sorted = [...times].sort((a, b) => a - b);
      process.stdout.write(
        [
          `cleanup plan, ${REGIONS.length} regions, shared AMIs ${includeShared ? 'included' : 'skipped'}, ${LATENCY_MS} ms per call, ${RUNS} run(s)`,
          `  ${summary}`,
          `  time  min ${(sorted[0] ?? 0).toFixed(0)} ms  median ${median(times).toFixed(0)} ms`,
          ...Object.entries(calls)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([action, n]) => `  ${action.padEnd(26)} ${n}`),
          '',
        ].join('\n'),
      );
    }
  } finally {
    await proxy.close();
    await stopEndpoint(child);
  }
}

void main();
