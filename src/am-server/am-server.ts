import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyAmDatabase, openAmDatabase } from './am-database.js';
import { leaseTokenOf, matchRoute } from './am-router.js';
import { AmService } from './am-service.js';
import { MockClock } from './clock.js';
import { errors } from './errors.js';
import { NO_FAULTS, faultsSchema, type Faults } from './faults.js';
import { ApiError, bearerToken, parseJson, readBody, sameSecret, sendError, sendJson, sendNoContent } from './http-kit.js';
import { applySeed } from './seed.js';
import { parseOr422 } from './validation.js';
import { z } from 'zod';
import { isoInstant } from '../shared/teleservice/schemas.js';

export const AM_SERVER_VERSION = '1.0.0';

export type AmServerOptions = {
  db?: string;
  seed?: unknown;
  /** The `/_mock` controls for anyone who can reach the server (`am-server --admin`, loopback only). */
  admin?: boolean;
  /** The `/_mock` controls only for requests carrying this secret in `X-Mock-Admin` (a test's embedded mock). */
  adminToken?: string;
  leaseTtlSeconds?: number;
};

/** A custom header: no web page can send it cross-site without a preflight this server never grants. */
export const MOCK_ADMIN_HEADER = 'x-mock-admin';

export type RunningAmServer = { url: string; server: Server; service: AmService; close: () => Promise<void> };

/** The mock téléservice: the contract over node:http, its state in its own SQLite file. */
export class AmServer {
  readonly service: AmService;
  private faults: Faults = NO_FAULTS;
  private readonly server: Server;

  constructor(private readonly options: AmServerOptions) {
    const db = openAmDatabase(options.db ?? ':memory:');
    this.service = new AmService(db, new MockClock(), (options.leaseTtlSeconds ?? 600) * 1000);
    const empty = this.service.store.actors().length === 0;
    if (empty && options.seed !== undefined) applySeed(this.service, options.seed);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => sendError(res, errors.internal()));
    });
    this.server.keepAliveTimeout = 5_000;
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<RunningAmServer> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { url: `http://${shownHost}:${address.port}`, server: this.server, service: this.service, close: () => this.close() };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.service.db.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      if (path.startsWith('/_mock/') && this.adminAllowed(req)) return await this.handleMock(req, res, path);
      if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/sv/v1/')) {
        const applied = await this.applyFaults(res);
        if (!applied) return;
      }
      if (path === '/v1/health') {
        if (req.method !== 'GET') throw errors.methodNotAllowed();
        return sendJson(res, 200, { status: 'ok', version: AM_SERVER_VERSION });
      }
      const match = matchRoute(req.method ?? 'GET', path);
      if ('error' in match) return sendError(res, match.error, match.allow ? { Allow: match.allow } : {});
      const text = await readBody(req, match.maxBodyBytes);
      const actor = this.service.authenticate(bearerToken(req));
      const body = match.needsBody ? parseJson(text, !path.endsWith('/executions')) : undefined;
      const query = new URL(req.url ?? '/', 'http://mock').searchParams;
      const reply = await match.handler(this.service, { actor, param: match.param, body, leaseToken: leaseTokenOf(req), query });
      if (this.shouldDrop()) return void res.destroy();
      if (reply.status === 204) return sendNoContent(res);
      sendJson(res, reply.status, reply.body);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      sendError(res, errors.internal());
    }
  }

  private adminAllowed(req: IncomingMessage): boolean {
    if (this.options.adminToken !== undefined) {
      const given = req.headers[MOCK_ADMIN_HEADER];
      return typeof given === 'string' && sameSecret(this.options.adminToken, given);
    }
    return this.options.admin === true;
  }

  /** Latency first, then the "down" switch and the random 503s; false when answered already. */
  private async applyFaults(res: ServerResponse): Promise<boolean> {
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (this.faults.down || (this.faults.failRate > 0 && Math.random() < this.faults.failRate)) {
      sendError(res, errors.unavailable(), { 'Retry-After': String(this.faults.retryAfterSeconds) });
      return false;
    }
    return true;
  }

  private shouldDrop(): boolean {
    return this.faults.dropResponseRate > 0 && Math.random() < this.faults.dropResponseRate;
  }

  private async handleMock(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const scanned = /^\/_mock\/scor\/([0-9a-f-]{36})\.pdf$/i.exec(path);
    if (scanned && req.method === 'GET') {
      const pdf = this.service.scor.pdf(scanned[1]!);
      if (!pdf) throw errors.noRoute();
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length });
      return void res.end(pdf);
    }
    if (req.method !== 'POST') throw errors.methodNotAllowed();
    const body = parseJson(await readBody(req), true);
    if (path === '/_mock/faults') {
      this.faults = parseOr422(faultsSchema, body);
      return sendJson(res, 200, this.faults);
    }
    if (path === '/_mock/clock') {
      const { now } = parseOr422(z.object({ now: isoInstant.nullable() }), body);
      this.service.clock.set(now === null ? null : new Date(now));
      return sendJson(res, 200, { now: this.service.clock.now().toISOString() });
    }
    if (path === '/_mock/sv/rules') return sendReply(res, this.service.claims.setRules(body));
    if (path === '/_mock/sv/liquidate') return sendReply(res, this.service.claims.liquidate());
    if (path === '/_mock/sv/release') return sendReply(res, this.service.claims.release());
    if (path === '/_mock/sv/beneficiaries') return sendReply(res, this.service.claims.putBeneficiaries(body));
    if (path === '/_mock/reset') {
      emptyAmDatabase(this.service.db);
      if (this.options.seed !== undefined) applySeed(this.service, this.options.seed);
      this.faults = NO_FAULTS;
      this.service.clock.set(null);
      return sendJson(res, 200, { reset: true });
    }
    throw errors.noRoute();
  }
}

function sendReply(res: ServerResponse, reply: { status: number; body?: unknown }): void {
  sendJson(res, reply.status, reply.body ?? {});
}

export async function startAmServer(options: AmServerOptions & { port?: number; host?: string }): Promise<RunningAmServer> {
  return new AmServer(options).listen(options.port ?? 0, options.host ?? '127.0.0.1');
}
