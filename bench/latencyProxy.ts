import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the local EC2 endpoint that holds every request for `latencyMs` before
 * forwarding it, as a far region's round trip would, and counts the calls by EC2 action. For
 * benchmarks only (binds 127.0.0.1).
 */
export class LatencyProxy {
  private readonly counts = new Map<string, number>();
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
    private readonly latencyMs: number,
  ) {}

  static async start(target: string, latencyMs: number): Promise<LatencyProxy> {
    const server = createServer();
    const proxy = new LatencyProxy(server, new URL(target), latencyMs);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.port = (server.address() as AddressInfo).port;
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Calls forwarded since the last `reset`, by action. */
  calls(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown';
      this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
      setTimeout(() => {
        const upstream = request(
          {
            host: this.target.hostname,
            port: this.target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: this.target.host, connection: 'close' },
            // A connection per call to the endpoint (local, so it costs nothing measurable): a
            // kept-alive one can be closed by the endpoint between runs just as it is reused.
            agent: false,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      }, this.latencyMs);
    });
  }
}
