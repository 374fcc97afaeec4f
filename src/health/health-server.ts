// The HTTP endpoints for routing daemons and monitoring: /health, /health/zone/<name>, /metrics (node:http).
import type http from 'node:http';
import { TsdnsError } from '../wire/errors.js';
import type { HealthReport, ZoneHealth } from './verdict.js';
import { normalZoneName } from './verdict.js';

/** What the endpoints read; service/ implements it over the zones and the counters. */
export interface HealthSource {
  report(): HealthReport;
  /** The Prometheus text of /metrics. */
  metrics(): string;
}

/** One listener: the address and port, and whether it serves the health paths or only the metrics path. */
export interface HttpEndpoint {
  readonly address: string;
  readonly port: number;
  readonly health: boolean;
  readonly metricsPath: string | null;
}

export class HealthError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROM_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function send(res: http.ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

function zoneBody(z: ZoneHealth): string {
  return `${JSON.stringify({ status: z.healthy ? 'ok' : 'unhealthy', zone: z }, null, 2)}\n`;
}

/**
 * Serves GET (and HEAD) of /health (200 when every zone is healthy, else 503, JSON body), of
 * /health/zone/<name> (the same for one zone, 404 for a zone not configured) and of the metrics path.
 * Nothing else is served; nothing is logged per request.
 */
export class HealthServer {
  private servers: http.Server[] = [];
  readonly bound: HttpEndpoint[] = [];

  constructor(private readonly source: HealthSource, private readonly endpoints: readonly HttpEndpoint[]) {}

  async start(): Promise<void> {
    if (this.endpoints.length === 0) return;
    // node:http is loaded only when an endpoint is configured: a few MB of RSS a server without one does not need.
    const httpModule = (await import('node:http')).default;
    try {
      for (const ep of this.endpoints) await this.listen(ep, httpModule);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    const all = this.servers.map((s) => new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    }));
    this.servers = [];
    await Promise.all(all);
  }

  private listen(ep: HttpEndpoint, httpModule: typeof http): Promise<void> {
    const server = httpModule.createServer((req, res) => this.handle(ep, req, res));
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 10000;
    server.requestTimeout = 10000;
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      const fail = (e: Error): void => reject(new HealthError('HEALTH_LISTEN', `cannot listen on http ${ep.address}@${ep.port}: ${e.message}`));
      server.once('error', fail);
      server.listen({ host: ep.address, port: ep.port, ipv6Only: ep.address.includes(':') }, () => {
        server.off('error', fail);
        this.bound.push({ ...ep, port: (server.address() as { port: number }).port });
        resolve();
      });
    });
  }

  private handle(ep: HttpEndpoint, req: http.IncomingMessage, res: http.ServerResponse): void {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'text/plain', 'method not allowed\n', head);
      return;
    }
    const path = decodePath(req.url ?? '/');
    try {
      if (ep.metricsPath !== null && path === ep.metricsPath) {
        send(res, 200, PROM_TYPE, this.source.metrics(), head);
      } else if (ep.health && path === '/health') {
        const r = this.source.report();
        send(res, r.healthy ? 200 : 503, JSON_TYPE, `${JSON.stringify({ status: r.healthy ? 'ok' : 'unhealthy', zones: r.zones }, null, 2)}\n`, head);
      } else if (ep.health && path.startsWith('/health/zone/')) {
        const want = normalZoneName(path.slice('/health/zone/'.length));
        const z = this.source.report().zones.find((x) => normalZoneName(x.zone) === want);
        if (z === undefined) send(res, 404, JSON_TYPE, `${JSON.stringify({ status: 'unknown', error: `zone ${want} is not configured` })}\n`, head);
        else send(res, z.healthy ? 200 : 503, JSON_TYPE, zoneBody(z), head);
      } else {
        send(res, 404, 'text/plain', 'not found\n', head);
      }
    } catch (e) {
      send(res, 500, 'text/plain', `error: ${(e as Error).message}\n`, head);
    }
  }
}

/** The path of a request target, percent-decoding undone, query string dropped. */
function decodePath(url: string): string {
  const q = url.indexOf('?');
  const raw = q >= 0 ? url.slice(0, q) : url;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
