/**
 * Fault matrix (a benchmark, not a test): drives AMI Explorer's services against the local EC2
 * endpoint under injected faults, then reads EC2's end state directly and compares it with what the
 * services reported. One line per cell (operation × fault): handled / misreported / lost / crashed.
 *
 *   npm run bench:faults [-- --only copy] [--verbose] [--strict]
 *
 * Each line: operation, fault, verdict, requests the fault hit / requests the services sent, time,
 * and (unless handled) why. `--strict` exits 1 unless every cell is handled.
 *
 * The endpoint runs in a child process (demo estate, demo credentials: no AWS account needed). The
 * services reach it through a small HTTP relay in this process ("the wire"), which can stop the
 * endpoint mid-operation or cancel when a request is in flight; EC2's state is read around it.
 *
 * Verdicts, worst first:
 * - crashed: the operation threw something that is not a typed error, a promise was rejected
 *   unhandled, or it did not finish within the cell's deadline;
 * - misreported: a claim contradicts EC2's end state ("deregistering failed" while the AMI is gone,
 *   "no image was created" while it exists, a listing that differs from EC2's), or a sentence shown
 *   to the user carries markup or SDK internals;
 * - lost: something the operation made exists in EC2 but is neither reported nor tracked (a copy
 *   reported as not started), or a planned item is missing from the report;
 * - handled: every claim matches EC2 (an honest "unknown" counts, unless what it is unsure about
 *   exists and is untracked).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CreateImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  StartInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startEndpoint, stopEndpoint } from './benchEndpoint';
import type { ConnectionSettings } from '../src/core/aws/clientFactory';
import { Ec2ClientFactory } from '../src/core/aws/clientFactory';
import type { WaitOptions } from '../src/core/aws/ec2';
import { Ec2 } from '../src/core/aws/ec2';
import { Images } from '../src/core/aws/images';
import { Instances } from '../src/core/aws/instances';
import { Snapshots } from '../src/core/aws/snapshots';
import type { Ami } from '../src/core/model/ami';
import type { CopyResult } from '../src/core/model/copyPlan';
import { copyReport, copySourceOf, planCopy } from '../src/core/model/copyPlan';
import type { DeregisterOutcome, DeregisterPlan } from '../src/core/model/deregisterPlan';
import { deregisterReport, planDeregister } from '../src/core/model/deregisterPlan';
import { errorSentence } from '../src/core/model/errorSentence';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  InputError,
  OutcomeUnknownError,
  isCancellation,
} from '../src/core/model/errors';
import type { OperationReport, ReportItem } from '../src/core/model/operationReport';
import type { ListingScope } from '../src/core/model/scope';
import { scopeToDescribeImagesParams } from '../src/core/model/scope';
import { ConcurrencyLimiter } from '../src/core/services/concurrency';
import { CopyImageService } from '../src/core/services/copyImageService';
import { DeregisterImageService } from '../src/core/services/deregisterImageService';
import type { CreateImageResult } from '../src/core/services/imageCreationService';
import { ImageCreationService } from '../src/core/services/imageCreationService';
import { ImageService } from '../src/core/services/imageService';
import { ec2LimitsFor } from '../test/ec2-emulator/faults/ec2ThrottleLimits';
import type { FaultRule } from '../test/ec2-emulator/faults/faultRule';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/** The emulator's demo account ("me"); any secret works (signatures are not verified). */
const ACCOUNT = '111111111111';
const ACCESS_KEY = 'AKIAAMIEXPLORERDEMO1';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
/** New images and snapshots leave `pending`, instances settle, this fast. */
const PENDING_MS = 150;
/** The extension's retries (settings.ts), with a short request timeout for the hung cells. */
const CONNECTION: Omit<ConnectionSettings, 'endpointUrl'> = {
  requestTimeoutMs: 1000,
  connectionTimeoutMs: 1000,
  maxAttempts: 5,
};
/** Stop-first waits poll quickly here; the give-up rule is the same as with the defaults. */
const WAIT: WaitOptions = { minDelaySeconds: 0.1, maxDelaySeconds: 0.5, maxWaitSeconds: 20 };
/** A cell that runs longer than this is a crash (hung). */
const CELL_DEADLINE_MS = 30_000;
/** Latency of a hung request: well past the request timeout. */
const HUNG_MS = 2000;

const OWNED: ListingScope = {
  kind: 'owned',
  accountIds: [],
  nameFilter: '',
  includeDeprecated: false,
  includeDisabled: false,
};

// ---------------------------------------------------------------------------------------------
// The endpoint (child process) and its admin routes
// ---------------------------------------------------------------------------------------------

const startDemoEndpoint = (): ReturnType<typeof startEndpoint> =>
  startEndpoint(['--seed', 'demo', '--pending-ms', String(PENDING_MS)]);

async function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

const setFaults = (url: string, rules: readonly FaultRule[]): Promise<unknown> =>
  admin(url, 'PUT', '/__admin/faults', { rules });

/** Waits until the endpoint has no request left in injected latency (late changes have landed). */
async function waitIdle(url: string, wire: Wire | undefined): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const { pending } = (await admin(url, 'GET', '/__admin/health')) as { pending: number };
    if (pending === 0 && (wire?.inFlight ?? 0) === 0) return;
    await delay(50);
  }
}

// ---------------------------------------------------------------------------------------------
// The wire: an HTTP relay between the services and the endpoint
// ---------------------------------------------------------------------------------------------

/** What the wire does when a request arrives or its answer comes back. */
interface WireHooks {
  /** Before forwarding; `stop` stops the endpoint (the request is reset, not forwarded). */
  arrived?(action: string, index: number): 'forward' | 'stop';
  /** After the endpoint answered (the action has run); `stop`: relay it, then stop the endpoint. */
  answered?(action: string, index: number): Promise<'relay' | 'stop'> | 'relay' | 'stop';
}

class Wire {
  readonly actions: string[] = [];
  /** Requests that got an error answer, or none (dropped, held, reset). */
  faulted = 0;
  inFlight = 0;
  // A relay that fails (the caller hung up mid-request) just drops that connection: a failure of
  // the wire must not count as a crash of the services.
  private readonly server = createServer((req, res) => {
    this.relay(req, res).catch(() => req.socket.destroy());
  });
  private readonly sockets = new Set<Socket>();
  private stopped = false;
  url = '';

  constructor(
    private readonly upstream: string,
    private readonly hooks: WireHooks = {},
  ) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The endpoint stops: open connections are reset, new ones refused. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
  }

  private async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? '?';
    const index = this.actions.push(action);
    if (this.hooks.arrived?.(action, index) === 'stop') {
      this.faulted++;
      this.stop();
      return;
    }
    this.inFlight++;
    try {
      const target = new URL(this.upstream);
      const answer = await new Promise<
        { status: number; headers: IncomingMessage['headers']; body: Buffer } | undefined
      >((resolve) => {
        const out = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (upstream) => {
            const parts: Buffer[] = [];
            upstream.on('data', (c: Buffer) => parts.push(c));
            upstream.on('end', () =>
              resolve({
                status: upstream.statusCode ?? 502,
                headers: upstream.headers,
                body: Buffer.concat(parts),
              }),
            );
            upstream.on('error', () => resolve(undefined));
            upstream.on('aborted', () => resolve(undefined));
          },
        );
        out.on('error', () => resolve(undefined));
        // The caller gave up (timeout, cancel): the request is not withdrawn from the endpoint,
        // but nobody waits for its answer any more.
        res.on('close', () => {
          if (!res.writableFinished) out.destroy();
        });
        out.end(body);
      });
      if (!answer) {
        this.faulted++;
        req.socket.destroy();
        return;
      }
      const next = await (this.hooks.answered?.(action, index) ?? 'relay');
      if (!res.destroyed && !this.stopped) {
        if (answer.status >= 400) this.faulted++;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      } else {
        this.faulted++;
      }
      if (next === 'stop') {
        this.faulted++;
        // Let the answer leave before the endpoint goes.
        setImmediate(() => this.stop());
      }
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    this.stop();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

// ---------------------------------------------------------------------------------------------
// Services, as extension.ts builds them, and a direct reader of EC2's state
// ---------------------------------------------------------------------------------------------

interface Services {
  images: ImageService;
  copy: CopyImageService;
  deregister: DeregisterImageService;
  create: ImageCreationService;
  reset(): void;
}

function services(endpointUrl: string): Services {
  const factory = new Ec2ClientFactory(() => ({ ...CONNECTION, endpointUrl }), {
    apiCall: () => undefined,
  });
  const ec2 = new Ec2(factory, () => undefined);
  const images = new Images(ec2);
  const instances = new Instances(ec2);
  const snapshots = new Snapshots(ec2);
  return {
    images: new ImageService(images),
    copy: new CopyImageService(images),
    deregister: new DeregisterImageService(images, instances, snapshots),
    create: new ImageCreationService(images, instances, WAIT),
    reset: () => factory.reset(),
  };
}

/** Reads EC2's state straight from the endpoint (never through the wire, never with faults). */
class Ec2State {
  private readonly clients = new Map<string, EC2Client>();
  constructor(private readonly url: string) {}

  client(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = new EC2Client({
        endpoint: this.url,
        region,
        credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'bench' },
        maxAttempts: 3,
      });
      this.clients.set(region, client);
    }
    return client;
  }

  async ownedIds(region: string): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client(region).send(
        new DescribeImagesCommand({
          ...scopeToDescribeImagesParams(OWNED),
          ...(token ? { NextToken: token } : {}),
        }),
      );
      ids.push(...(page.Images ?? []).flatMap((i) => (i.ImageId ? [i.ImageId] : [])));
      token = page.NextToken;
    } while (token);
    return ids.sort();
  }

  async named(region: string, name: string): Promise<string[]> {
    const out = await this.client(region).send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }),
    );
    return (out.Images ?? []).flatMap((i) => (i.ImageId ? [i.ImageId] : [])).sort();
  }

  async imageExists(region: string, imageId: string): Promise<boolean> {
    const out = await this.client(region).send(
      new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [imageId] }] }),
    );
    return (out.Images ?? []).length > 0;
  }

  async snapshotExists(region: string, snapshotId: string): Promise<boolean> {
    const out = await this.client(region).send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'snapshot-id', Values: [snapshotId] }],
      }),
    );
    return (out.Snapshots ?? []).length > 0;
  }

  async instance(region: string, name: string): Promise<{ id: string; state: string }> {
    const out = await this.client(region).send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }),
    );
    const instance = (out.Reservations ?? []).flatMap((r) => r.Instances ?? [])[0];
    if (!instance?.InstanceId) throw new Error(`no instance named ${name} in ${region}`);
    return { id: instance.InstanceId, state: instance.State?.Name ?? 'unknown' };
  }

  /** Makes `name` running again (a stop-first cell stopped it). */
  async running(region: string, name: string): Promise<string> {
    for (;;) {
      const { id, state } = await this.instance(region, name);
      if (state === 'running') return id;
      if (state === 'stopped')
        await this.client(region).send(new StartInstancesCommand({ InstanceIds: [id] }));
      await delay(PENDING_MS / 2);
    }
  }

  /** A fresh AMI (with its snapshots) made from a running instance, available. */
  async freshImage(region: string, instanceName: string, name: string): Promise<string> {
    const instanceId = await this.running(region, instanceName);
    const out = await this.client(region).send(
      new CreateImageCommand({ InstanceId: instanceId, Name: name, NoReboot: true }),
    );
    const imageId = out.ImageId ?? '';
    for (;;) {
      const page = await this.client(region).send(
        new DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      if (page.Images?.[0]?.State === 'available') return imageId;
      await delay(PENDING_MS / 2);
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------------

type Verdict = 'handled' | 'misreported' | 'lost' | 'crashed';
const SEVERITY: Record<Verdict, number> = { handled: 0, lost: 1, misreported: 2, crashed: 3 };

/** Collects findings for one cell; the worst one is the verdict. */
class Judgement {
  verdict: Verdict = 'handled';
  readonly notes: string[] = [];
  add(verdict: Verdict, note: string): void {
    if (SEVERITY[verdict] > SEVERITY[this.verdict]) this.verdict = verdict;
    if (verdict !== 'handled' || this.notes.length < 3) this.notes.push(note);
  }
}

/** Text shown to a user must be a plain sentence: no markup, no SDK internals, no stack. */
function unreadable(text: string): boolean {
  return /<\/?[a-z!][^>]*>|Deserialization|\$response|\$metadata|UnknownError|Unexpected error|\bat \S+\.[jt]s:\d+/i.test(
    text,
  );
}

/** An error an operation threw: typed and readable is honest; anything else is a crash. */
function judgeError(j: Judgement, error: unknown, what: string): void {
  if (isCancellation(error)) {
    j.add('handled', `${what}: cancelled`);
    return;
  }
  const typed =
    error instanceof AwsApiError ||
    error instanceof CredentialsError ||
    error instanceof InputError ||
    error instanceof CancelledError ||
    error instanceof OutcomeUnknownError;
  if (!typed) {
    j.add(
      'crashed',
      `${what}: untyped ${error instanceof Error ? error.name : typeof error}: ${String(error).slice(0, 120)}`,
    );
    return;
  }
  const sentence = errorSentence(error);
  if (unreadable(sentence)) j.add('misreported', `${what}: unreadable "${sentence.slice(0, 120)}"`);
  else j.add('handled', `${what}: "${sentence.slice(0, 90)}"`);
}

/** What a report line claims: done, not done, or honestly unknown. */
type Claim = 'done' | 'not-done' | 'unknown';

function claimOf(item: ReportItem): Claim {
  // Only an explicit statement counts as "unknown": "deregistering failed: … It may have been
  // deregistered …" is a claim that it failed.
  if (
    /^unknown\b|\bunknown:|\boutcome (is )?unknown|could not (be )?confirm/i.test(item.detail ?? '')
  )
    return 'unknown';
  if (item.outcome === 'succeeded') return 'done';
  if (item.outcome === 'failed' || item.outcome === 'skipped') return 'not-done';
  return 'unknown';
}

function judgeReportText(j: Judgement, report: OperationReport): void {
  for (const item of report.items) {
    if (unreadable(`${item.subject} ${item.detail ?? ''}`))
      j.add('misreported', `unreadable report line "${item.detail?.slice(0, 100) ?? ''}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

/** Everything a cell's operation gets. */
interface CellContext {
  cell: number;
  services: Services;
  state: Ec2State;
  signal: AbortSignal;
}

interface Operation {
  name: string;
  /** The region a one-region AuthFailure hits. */
  authRegion: string;
  /** The regions its requests go to (for the throttling burst). */
  regions: readonly string[];
  /** The actions that change something (lost answers, cancels and stops aim at these). */
  mutating: readonly string[];
  /** The actions its requests use (for the throttling burst). */
  actions: readonly string[];
  /** Prepares EC2 (faults off), runs the operation (faults on), judges (faults off). */
  prepare(
    ctx: Omit<CellContext, 'services' | 'signal'>,
  ): Promise<(ctx: CellContext) => Promise<(j: Judgement) => Promise<void>>>;
}

const list1: Operation = {
  name: 'list 1 region',
  authRegion: 'us-east-1',
  regions: ['us-east-1'],
  mutating: [],
  actions: ['DescribeImages'],
  prepare: () =>
    Promise.resolve(async ({ services, state, signal }) => {
      let listed: Ami[] | undefined;
      let failure: unknown;
      try {
        listed = await services.images.listImages('us-east-1', OWNED, signal);
      } catch (error) {
        failure = error;
      }
      return async (j) => {
        if (!listed) return judgeError(j, failure, 'us-east-1');
        const truth = await state.ownedIds('us-east-1');
        const got = listed.map((i) => i.imageId).sort();
        if (JSON.stringify(got) === JSON.stringify(truth))
          j.add('handled', `${got.length} AMIs listed, as in EC2`);
        else j.add('misreported', `listed ${got.length} AMIs, EC2 has ${truth.length}`);
      };
    }),
};

const list3: Operation = {
  name: 'list 3 regions',
  authRegion: 'eu-west-1',
  regions: REGIONS,
  mutating: [],
  actions: ['DescribeImages'],
  prepare: () =>
    Promise.resolve(async ({ services, state, signal }) => {
      const limiter = new ConcurrencyLimiter(4);
      const settled = await Promise.allSettled(
        REGIONS.map((region) =>
          limiter.run(() => services.images.listImages(region, OWNED, signal)),
        ),
      );
      return async (j) => {
        for (const [i, region] of REGIONS.entries()) {
          const result = settled[i];
          if (!result) continue;
          if (result.status === 'rejected') {
            judgeError(j, result.reason, region);
            continue;
          }
          const truth = await state.ownedIds(region);
          const got = result.value.map((a) => a.imageId).sort();
          if (JSON.stringify(got) === JSON.stringify(truth))
            j.add('handled', `${region}: ${got.length} as in EC2`);
          else j.add('misreported', `${region}: listed ${got.length}, EC2 has ${truth.length}`);
        }
      };
    }),
};

const copy3: Operation = {
  name: 'copy to 3 regions',
  authRegion: 'eu-west-1',
  regions: REGIONS,
  mutating: ['CopyImage'],
  actions: ['CopyImage'],
  prepare: async ({ cell }) => {
    const clean = services(endpointUrl);
    const [source] = await clean.images
      .getImages('us-east-1', [await sourceImageId()])
      .finally(() => clean.reset());
    if (!source) throw new Error('the copy source is missing');
    const name = `bench-copy-${cell}`;
    return async ({ services: s, state, signal }) => {
      const calls = planCopy({
        sources: [copySourceOf(source)],
        destinations: REGIONS.map((region) => ({ region })),
        name,
        description: '',
        copyTags: false,
        encrypt: false,
        actionId: `bench-${cell}`,
      });
      let results: CopyResult[] | undefined;
      let failure: unknown;
      try {
        results = await s.copy.run(calls, signal);
      } catch (error) {
        failure = error;
      }
      return async (j) => {
        if (!results) return judgeError(j, failure, 'copy');
        const report = copyReport(results);
        judgeReportText(j, report);
        if (report.items.length !== calls.length)
          j.add('lost', `${calls.length} copies planned, ${report.items.length} reported`);
        for (const [i, call] of calls.entries()) {
          const result = results[i];
          const item = report.items[i];
          const inEc2 = await state.named(call.region, name);
          const tracked = result && 'imageId' in result ? result.imageId : undefined;
          const claim = item ? claimOf(item) : 'not-done';
          const where = call.region;
          if (claim === 'done') {
            if (!tracked || !inEc2.includes(tracked))
              j.add(
                'misreported',
                `${where}: reported ${tracked ?? '?'}, EC2 has ${inEc2.join(', ') || 'none'}`,
              );
            else if (inEc2.length > 1)
              j.add('lost', `${where}: ${inEc2.length - 1} untracked copies besides ${tracked}`);
            else j.add('handled', `${where}: ${tracked}`);
          } else if (inEc2.length > 0) {
            j.add(
              'lost',
              `${where}: reported "${item?.outcome ?? 'nothing'}: ${item?.detail ?? ''}", EC2 has ${inEc2.join(', ')}`,
            );
          } else {
            j.add('handled', `${where}: none, as reported`);
          }
        }
      };
    };
  },
};

const deregister3: Operation = {
  name: 'deregister 3 AMIs',
  authRegion: 'eu-west-1',
  regions: ['us-east-1', 'eu-west-1'],
  mutating: ['DeregisterImage'],
  actions: ['DescribeImages', 'DescribeImageReferences', 'DescribeSnapshots', 'DeregisterImage'],
  prepare: async ({ cell, state }) => {
    const targets = [
      {
        region: 'us-east-1',
        imageId: await state.freshImage('us-east-1', 'web-1', `bench-dereg-${cell}-a`),
      },
      {
        region: 'us-east-1',
        imageId: await state.freshImage('us-east-1', 'web-1', `bench-dereg-${cell}-b`),
      },
      {
        region: 'eu-west-1',
        imageId: await state.freshImage('eu-west-1', 'eu-web-1', `bench-dereg-${cell}-c`),
      },
    ];
    return async ({ services: s, signal }) => {
      let plan: DeregisterPlan | undefined;
      let outcomes: DeregisterOutcome[] | undefined;
      let failure: unknown;
      try {
        const facts = await s.deregister.gatherFacts(targets, signal);
        plan = planDeregister(
          facts,
          { deleteSnapshots: true, disableProtection: false, accountId: ACCOUNT },
          new Date(),
        );
        outcomes = await s.deregister.execute(plan, signal);
      } catch (error) {
        failure = error;
      }
      return async (j) => {
        if (!plan || !outcomes) return judgeError(j, failure, 'deregister');
        const report = deregisterReport(plan, outcomes);
        judgeReportText(j, report);
        for (const decision of plan.decisions) {
          const { region, imageId } = decision.facts.image;
          const item = report.items.find((i) => i.subject.startsWith(imageId));
          const exists = await state.imageExists(region, imageId);
          if (!item) {
            j.add('lost', `${imageId}: not in the report`);
            continue;
          }
          const claim = claimOf(item);
          if (claim === 'done' && exists)
            j.add('misreported', `${imageId}: reported deregistered, still registered`);
          else if (claim === 'not-done' && !exists)
            j.add(
              'misreported',
              `${imageId}: reported "${item.detail ?? item.outcome}", but it is gone`,
            );
          else j.add('handled', `${imageId}: ${claim}, ${exists ? 'registered' : 'gone'}`);
          // Every snapshot the plan meant to delete: said, and true.
          const planned =
            decision.action === 'deregister' && plan.options.deleteSnapshots
              ? decision.snapshotsToDelete
              : [];
          for (const snapshot of planned) {
            const line = report.items.find((i) =>
              i.subject.trim().startsWith(`snapshot ${snapshot.snapshotId}`),
            );
            const there = await state.snapshotExists(region, snapshot.snapshotId);
            if (!line) {
              if (claim === 'done' || there === false)
                j.add(
                  'lost',
                  `${snapshot.snapshotId}: planned for deletion, not in the report (${there ? 'still there' : 'deleted'})`,
                );
              continue;
            }
            const said = claimOf(line);
            if (said === 'done' && there)
              j.add('misreported', `${snapshot.snapshotId}: reported deleted, still there`);
            else if (said === 'not-done' && !there)
              j.add('misreported', `${snapshot.snapshotId}: reported kept, but deleted`);
          }
        }
      };
    };
  },
};

const createStopFirst: Operation = {
  name: 'create (stop first)',
  authRegion: 'us-east-1',
  regions: ['us-east-1'],
  mutating: ['StopInstances', 'CreateImage'],
  actions: ['DescribeInstances', 'DescribeImages', 'StopInstances', 'CreateImage'],
  prepare: async ({ cell, state }) => {
    const instanceId = await state.running('us-east-1', 'web-2');
    const name = `bench-create-${cell}`;
    return async ({ services: s, signal }) => {
      let result: CreateImageResult | undefined;
      let failure: unknown;
      let stoppedHook = false;
      try {
        result = await s.create.create(
          { region: 'us-east-1', instanceId, name, tags: [], consistency: 'stop' },
          signal,
          { stopped: () => (stoppedHook = true) },
        );
      } catch (error) {
        failure = error;
      }
      return async (j) => {
        const inEc2 = await state.named('us-east-1', name);
        const { state: instanceState } = await state.instance('us-east-1', 'web-2');
        if (result) {
          const id = result.image.imageId;
          if (!inEc2.includes(id))
            j.add('misreported', `reported ${id}, EC2 has ${inEc2.join(', ') || 'none'}`);
          else if (inEc2.length > 1)
            j.add('lost', `${inEc2.length - 1} untracked images besides ${id}`);
          else j.add('handled', `created ${id}`);
        } else {
          judgeError(j, failure, 'create');
          // An honest "it is not known whether it was created" is no claim; an image it made that
          // nobody tracks is lost all the same.
          if (inEc2.length > 0 && failure instanceof OutcomeUnknownError)
            j.add('lost', `said the outcome is unknown, and EC2 has ${inEc2.join(', ')} untracked`);
          // Otherwise the command says "No image was created" (or "Cancelled: no image was created").
          else if (inEc2.length > 0)
            j.add(
              'misreported',
              `failed with "${errorSentence(failure).slice(0, 80)}", but EC2 has ${inEc2.join(', ')}`,
            );
        }
        const saysStopped = result?.stoppedInstance === true || stoppedHook;
        const isStopped = instanceState === 'stopped' || instanceState === 'stopping';
        if (saysStopped !== isStopped)
          j.add(
            'misreported',
            `the instance is ${instanceState}, but the caller ${saysStopped ? 'was told it was stopped' : 'does not know it was stopped'}`,
          );
      };
    };
  },
};

const OPERATIONS: readonly Operation[] = [list1, list3, copy3, deregister3, createStopFirst];

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

interface Fault {
  name: string;
  rules(op: Operation): FaultRule[];
  /** How the wire behaves; `abort` cancels the operation. */
  wire?(op: Operation, abort: () => void): WireHooks;
  /** Requests sent straight to the endpoint around the operation (throttling burst). */
  burst?(op: Operation): Burst;
}

/** Whether this request is the one a wire hook aims at: the first mutating one, or the first. */
function aimedAt(op: Operation, action: string, index: number, seen: { done: boolean }): boolean {
  if (seen.done) return false;
  const hit = op.mutating.length > 0 ? op.mutating.includes(action) : index === 1;
  if (hit) seen.done = true;
  return hit;
}

const FAULTS: readonly Fault[] = [
  { name: 'no fault', rules: () => [] },
  {
    name: 'throttle (EC2 rates) + burst',
    rules: () => [{ throttle: 'ec2' }],
    burst: (op) => burstFor(op),
  },
  // The first request always fails, so even a one-request operation meets the fault.
  {
    name: '5xx 10%',
    rules: () => [
      { error: { code: 'InternalError' }, times: 1 },
      { error: { code: 'InternalError', rate: 0.1 } },
    ],
  },
  {
    name: '5xx 30%',
    rules: () => [
      { error: { code: 'Unavailable' }, times: 1 },
      { error: { code: 'InternalError', rate: 0.2 } },
      // 0.2 + 0.8 × 0.125 = 0.3
      { error: { code: 'Unavailable', rate: 0.125 } },
    ],
  },
  {
    name: `hung requests (${HUNG_MS} ms, timeout ${CONNECTION.requestTimeoutMs} ms)`,
    rules: (op) => [
      { latencyMs: HUNG_MS, times: 1 },
      ...op.mutating.map((action) => ({ action, latencyMs: HUNG_MS, times: 1 })),
    ],
  },
  {
    name: 'one region AuthFailure',
    rules: (op) => [
      {
        region: op.authRegion,
        error: {
          code: 'AuthFailure',
          message: 'AWS was not able to validate the provided access credentials',
          status: 401,
        },
      },
    ],
  },
  {
    name: 'endpoint stopped mid-operation',
    rules: () => [],
    wire: (op) => {
      const seen = { done: false };
      return op.mutating.length === 0 && op.regions.length === 1
        ? // A one-request listing: the endpoint is gone when the request arrives.
          { arrived: (action, index) => (aimedAt(op, action, index, seen) ? 'stop' : 'forward') }
        : // Otherwise right after its first answer to a change (or, for listings, its first).
          { answered: (action, index) => (aimedAt(op, action, index, seen) ? 'stop' : 'relay') };
    },
  },
  {
    name: 'drop-after-apply',
    rules: (op) =>
      (op.mutating.length > 0 ? op.mutating : ['DescribeImages']).map((action) => ({
        action,
        dropAfterApply: {},
        times: 1,
      })),
  },
  {
    name: 'hang-after-apply',
    rules: (op) =>
      (op.mutating.length > 0 ? op.mutating : ['DescribeImages']).map((action) => ({
        action,
        hangAfterApply: {},
        times: 1,
      })),
  },
  {
    name: 'cancel while a request is in flight',
    rules: () => [],
    wire: (op, abort) => {
      const seen = { done: false };
      return {
        // The request has reached EC2 and run; the user cancels before its answer is back.
        answered: async (action, index): Promise<'relay'> => {
          if (aimedAt(op, action, index, seen)) {
            abort();
            await delay(30);
          }
          return 'relay';
        },
      };
    },
  },
];

let endpointUrl = '';

/** Other tools of the same account, sending requests straight to the endpoint. */
interface Burst {
  /** Resolves once the buckets of the operation's actions are empty. */
  drained: Promise<void>;
  /** Stops competing for tokens. */
  stop(): Promise<void>;
}

/**
 * Empties the token buckets of every action the operation uses, in its regions (DryRun requests:
 * they take a token like any other), then keeps taking half of each bucket's refill while the
 * operation runs, so it competes for what trickles back.
 */
function burstFor(op: Operation): Burst {
  const limiter = new ConcurrencyLimiter(64);
  const kinds = op.regions.flatMap((region) =>
    op.actions.flatMap((action) => {
      // Describe calls have two buckets in EC2: with filters or paging, and without.
      const variants = /^Describe/.test(action) ? ['', '&MaxResults=5'] : [''];
      return variants.map((extra) => ({ region, action, extra }));
    }),
  );
  const send = (k: (typeof kinds)[number]): Promise<unknown> =>
    limiter.run(() =>
      fetch(endpointUrl, {
        method: 'POST',
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20240101/${k.region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `Action=${k.action}&Version=2016-11-15&DryRun=true${k.extra}`,
      })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined),
    );
  const drain = (tokens: (k: (typeof kinds)[number]) => number): Promise<void> =>
    Promise.all(kinds.flatMap((k) => Array.from({ length: tokens(k) }, () => send(k)))).then(
      () => undefined,
    );
  const limits = (k: (typeof kinds)[number]) => ec2LimitsFor(k.action, k.extra !== '');
  const drained = (async () => {
    const started = performance.now();
    await drain((k) => limits(k).capacity + 5);
    // What trickled back while the others were drained.
    const seconds = (performance.now() - started) / 1000;
    await drain((k) => Math.ceil(limits(k).refillPerSecond * seconds) + 2);
  })();
  let running = true;
  const competing = (async () => {
    await drained;
    // Tokens owed to each kind: half its refill rate, so the operation gets the other half.
    const owed = kinds.map(() => 0);
    while (running) {
      const wave: Promise<unknown>[] = [];
      kinds.forEach((k, i) => {
        owed[i] = (owed[i] ?? 0) + limits(k).refillPerSecond * 0.05;
        for (; (owed[i] ?? 0) >= 1; owed[i] = (owed[i] ?? 0) - 1) wave.push(send(k));
      });
      await Promise.all([...wave, delay(100)]);
    }
  })();
  return {
    drained,
    stop: async () => {
      running = false;
      await competing;
    },
  };
}

let sourceId: string | undefined;
async function sourceImageId(): Promise<string> {
  if (!sourceId) {
    const state = new Ec2State(endpointUrl);
    [sourceId] = await state.named('us-east-1', 'web-server-2024.10.1');
    state.destroy();
  }
  if (!sourceId) throw new Error('web-server-2024.10.1 is missing from the demo estate');
  return sourceId;
}

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

interface CellResult {
  op: string;
  fault: string;
  verdict: Verdict;
  notes: string[];
  ms: number;
  /** Requests the services sent, and how many of them the fault hit. */
  requests: number;
  faulted: number;
}

async function runCell(
  cell: number,
  op: Operation,
  fault: Fault,
  state: Ec2State,
): Promise<CellResult> {
  const started = performance.now();
  const j = new Judgement();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  const controller = new AbortController();
  const wire = new Wire(endpointUrl, fault.wire?.(op, () => controller.abort()) ?? {});
  await wire.start();
  const s = services(wire.url);
  try {
    await setFaults(endpointUrl, []);
    const run = await op.prepare({ cell, state });
    await setFaults(endpointUrl, fault.rules(op));
    const burst = fault.burst?.(op);
    await burst?.drained;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), CELL_DEADLINE_MS);
    });
    const judge = await Promise.race([
      run({ cell, services: s, state, signal: controller.signal }),
      deadline,
    ]);
    clearTimeout(timer);
    await burst?.stop();
    if (judge === 'deadline') {
      controller.abort();
      j.add('crashed', `did not finish within ${CELL_DEADLINE_MS / 1000} s`);
    } else {
      await wire.close();
      await setFaults(endpointUrl, []);
      await waitIdle(endpointUrl, wire);
      await judge(j);
    }
  } catch (error) {
    j.add('crashed', `bench: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await wire.close();
    s.reset();
    await setFaults(endpointUrl, []).catch(() => undefined);
    await delay(0);
    process.off('unhandledRejection', onUnhandled);
  }
  for (const reason of unhandled)
    j.add(
      'crashed',
      `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  return {
    op: op.name,
    fault: fault.name,
    verdict: j.verdict,
    notes: j.notes,
    ms: performance.now() - started,
    requests: wire.actions.length,
    faulted: wire.faulted,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const strict = args.includes('--strict');
  const verbose = args.includes('--verbose');
  // Demo credentials for every client; nothing of the caller's AWS setup is read.
  process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = 'bench';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = '/nonexistent/ami-explorer-bench-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ami-explorer-bench-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const { url, child } = await startDemoEndpoint();
  endpointUrl = url;
  const state = new Ec2State(url);
  const started = performance.now();
  const results: CellResult[] = [];
  try {
    console.log(`Fault matrix against the local EC2 endpoint (${url}), demo account ${ACCOUNT}`);
    const width = Math.max(...OPERATIONS.map((o) => o.name.length)) + 2;
    const faultWidth = Math.max(...FAULTS.map((f) => f.name.length)) + 2;
    let cell = 0;
    for (const op of OPERATIONS) {
      if (only && !op.name.includes(only)) continue;
      for (const fault of FAULTS) {
        cell++;
        const result = await runCell(cell, op, fault, state);
        results.push(result);
        const why =
          result.verdict === 'handled' && !verbose ? '' : ` — ${result.notes.slice(-4).join('; ')}`;
        const hit = `${result.faulted}/${result.requests}`;
        console.log(
          `${op.name.padEnd(width)}${fault.name.padEnd(faultWidth)}${result.verdict.padEnd(12)}${hit.padStart(7)} hit${(result.ms / 1000).toFixed(1).padStart(6)} s${why}`,
        );
      }
    }
  } finally {
    state.destroy();
    await stopEndpoint(child);
  }
  const count = (v: Verdict): number => results.filter((r) => r.verdict === v).length;
  console.log(
    `total: ${results.length} cells — ${count('handled')} handled, ${count('misreported')} misreported, ${count('lost')} lost, ${count('crashed')} crashed (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  if (strict && count('handled') !== results.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
