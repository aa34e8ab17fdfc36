import { randomUUID } from 'node:crypto';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One EC2 request the extension sent, as the endpoint received it. */
export interface RecordedCall {
  readonly action: string;
  /** From the SigV4 credential scope: with a custom endpoint, the only place the region travels. */
  readonly region: string;
  readonly params: URLSearchParams;
  /**
   * HTTP status of the answer (the emulator's, or the injected error's); 0 while none came (or while
   * it is held back, `holdAnswers`).
   */
  readonly status: number;
}

/** An EC2 error to answer instead of forwarding. */
export interface InjectedError {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/** An answer from the emulator, with the call it answers, before it is sent on. */
export interface HeldAnswer {
  readonly action: string;
  readonly region: string;
  readonly params: URLSearchParams;
  /** The answer's text (EC2's XML). */
  readonly body: string;
}

interface AnswerHold {
  readonly matches: (answer: HeldAnswer) => boolean;
  readonly waiting: (() => void)[];
}

/** Whether an answer is a DescribeImages listing page (not a lookup by id). */
export function isImageListing(answer: Pick<HeldAnswer, 'action' | 'params'>): boolean {
  return answer.action === 'DescribeImages' && !answer.params.has('ImageId.1');
}

/** Whether an answer is the last page of a listing (EC2 gives no nextToken with it). */
export function isLastPage(answer: Pick<HeldAnswer, 'body'>): boolean {
  return !/<nextToken>[^<]/.test(answer.body);
}

interface PlannedFailure {
  readonly action: string;
  readonly region: string;
  remaining: number;
  readonly error: InjectedError;
}

/**
 * An HTTP endpoint between the extension and the emulator that records every EC2 call (what AWS
 * would receive) and can answer the next N matching calls with an error. The emulator has no
 * request log and its faults are by rate, not by count; this fills both gaps from the test side.
 */
export class RecordingEndpoint {
  private readonly recorded: RecordedCall[] = [];
  private readonly failures: PlannedFailure[] = [];
  /** Calls of a held action wait here, unanswered, until the hold is released. */
  private readonly holds = new Map<string, (() => void)[]>();
  /** Answers held back after the emulator gave them (`holdAnswers`). */
  private answerHolds: AnswerHold[] = [];

  private readonly server: Server;
  private readonly target: URL;
  private port = 0;

  private constructor(target: string) {
    this.target = new URL(target);
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => this.handle(req, res, body));
    });
  }

  /** Starts forwarding to `target` (the emulator's URL). */
  static async start(target: string): Promise<RecordingEndpoint> {
    const endpoint = new RecordingEndpoint(target);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    endpoint.port = (endpoint.server.address() as AddressInfo).port;
    return endpoint;
  }

  /** The URL to give the extension as `amiExplorer.endpointUrl`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The calls received so far, optionally only those of one action and/or region. */
  calls(filter: { readonly action?: string; readonly region?: string } = {}): RecordedCall[] {
    return this.recorded.filter(
      (c) =>
        (filter.action === undefined || c.action === filter.action) &&
        (filter.region === undefined || c.region === filter.region),
    );
  }

  /**
   * DescribeImages calls that list a scope, leaving out those that re-describe known ids (the
   * pending-image poller, open AMI documents being reloaded).
   */
  imageListings(region?: string): RecordedCall[] {
    return this.calls({
      action: 'DescribeImages',
      ...(region !== undefined ? { region } : {}),
    }).filter(isImageListing);
  }

  /** Forgets the calls recorded so far. */
  clear(): void {
    this.recorded.length = 0;
  }

  /** Answers the next `count` calls of `action` in `region` with `error` instead of forwarding. */
  failNext(action: string, region: string, count: number, error: InjectedError): void {
    this.failures.push({ action, region, remaining: count, error });
  }

  /**
   * Holds every call of `action` unanswered (it is neither forwarded nor recorded) until the returned
   * function is called; then the held calls go on, in order. Shows what does not wait for an action.
   */
  hold(action: string): () => void {
    const waiting: (() => void)[] = [];
    this.holds.set(action, waiting);
    return () => {
      if (this.holds.get(action) === waiting) this.holds.delete(action);
      for (const forward of waiting.splice(0)) forward();
    };
  }

  /** How many calls of `action` are held right now. */
  held(action: string): number {
    return this.holds.get(action)?.length ?? 0;
  }

  /**
   * Forwards calls but holds back the answers `matches` picks (it sees the call and the answer's
   * text, e.g. the last page of a listing) until the returned function is called; answers already
   * held are then sent in order, and later ones pass. The call is recorded when it arrives; its
   * status stays 0 until its answer is sent.
   */
  holdAnswers(matches: (answer: HeldAnswer) => boolean): () => void {
    const hold: AnswerHold = { matches, waiting: [] };
    this.answerHolds.push(hold);
    return () => {
      this.answerHolds = this.answerHolds.filter((h) => h !== hold);
      for (const send of hold.waiting.splice(0)) send();
    };
  }

  /** How many answers are held back now (`holdAnswers`). */
  get heldAnswers(): number {
    return this.answerHolds.reduce((n, h) => n + h.waiting.length, 0);
  }

  /** Drops every planned failure that has not happened yet. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    for (const hold of this.answerHolds) for (const send of hold.waiting.splice(0)) send();
    this.answerHolds = [];
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const params = new URLSearchParams(body);
    new URL(req.url ?? '/', 'http://localhost').searchParams.forEach((value, key) => {
      if (!params.has(key)) params.set(key, value);
    });
    // Recorded when it arrives: a call whose answer is lost or held was still received.
    const call = {
      action: params.get('Action') ?? '',
      region: regionOf(req.headers.authorization),
      params,
      status: 0,
    };
    const held = this.holds.get(call.action);
    if (held !== undefined) {
      // Recorded when it is let through (handled again).
      held.push(() => this.handle(req, res, body));
      return;
    }
    this.recorded.push(call);
    const failure = this.takeFailure(call.action, call.region);
    if (failure !== undefined) {
      call.status = failure.status;
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>` +
        `<Code>${failure.code}</Code><Message>${failure.message}</Message>` +
        `</Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
      res.writeHead(failure.status, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(xml);
      return;
    }
    const upstream = request(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: this.target.host },
      },
      (answer) => {
        void readBody(answer).then(
          (text) => {
            const send = (): void => {
              call.status = answer.statusCode ?? 0;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(text);
            };
            const hold = this.answerHolds.find((h) => h.matches({ ...call, body: text }));
            if (hold === undefined) send();
            else hold.waiting.push(send);
          },
          () => res.destroy(),
        );
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  }

  private takeFailure(action: string, region: string): InjectedError | undefined {
    const planned = this.failures.find(
      (f) => f.action === action && f.region === region && f.remaining > 0,
    );
    if (planned === undefined) return undefined;
    planned.remaining -= 1;
    return planned.error;
  }
}

/** EC2's answer to a throttled call. */
export const REQUEST_LIMIT_EXCEEDED: InjectedError = {
  code: 'RequestLimitExceeded',
  message: 'Request limit exceeded.',
  status: 503,
};

function regionOf(authorization: string | undefined): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? '';
}

function readBody(req: IncomingMessage): Promise<string> {
  // Also reads answers: an IncomingMessage either way.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
