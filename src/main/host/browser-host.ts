import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Workstation } from '../bootstrap/start-workstation.js';
import type { Logger } from '../services/logger.js';
import { contentSecurityPolicy } from './content-security.js';
import { err } from '../../shared/contract/result.js';
import { readRendererFile } from './static-files.js';
import { feedVirtualReports, feedVirtualScan, reportsBodySchema, scanBodySchema } from './virtual-e-reader.js';

const MAX_DEV_BODY = 512 * 1024;
/** A page never needs more calls at once; a runaway (or hostile) one is answered, not queued. */
export const MAX_CALLS_IN_FLIGHT = 32;
/** The session cookie's name carries the port: cookies ignore ports, two workstations (or another local server) never share one. */
export const sessionCookieName = (port: number | string): string => `comptoir_session_${port}`;
const wsRequestSchema = z.object({ id: z.number().int().nonnegative(), call: z.string().max(100), input: z.unknown() }).strict();

/**
 * Browser mode: the built renderer over HTTP and the same contract over a WebSocket, plus the
 * virtual e-reader. Loopback only; sockets from another origin are refused. The page and the socket
 * answer only a browser holding this start's session cookie (HttpOnly, SameSite=Strict), which it
 * got by opening the one-time address `comptoir serve` printed (#28.2): another local program gets
 * nothing, a second tab of the same browser works.
 */
export class BrowserHost {
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 12 * 1024 * 1024 });
  private origin = '';
  /** Drawn at each start, given only as an HttpOnly cookie in exchange for a one-time launch token. */
  private readonly session = randomBytes(32).toString('base64url');
  /** Launch tokens not yet used (each opens one browser, once). */
  private readonly launchTokens = new Set<string>();

  constructor(
    private readonly workstation: Workstation,
    private readonly rendererDir: string,
    private readonly log: Logger,
  ) {
    this.server = createServer(
      (req, res) =>
        void this.route(req, res).catch(() => this.json(res, 500, { error: { code: 'INTERNAL_ERROR', message: 'Erreur interne.' } })),
    );
    this.server.on('upgrade', (req, socket, head) => {
      if (!this.knownHost(req) || !this.sameOrigin(req) || !this.carriesSession(req)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.serveSocket(ws));
    });
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: bound } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${bound}`;
    return this.origin;
  }

  /** An address to open the workstation once: its token is traded for the session cookie, then forgotten. */
  launchUrl(): string {
    const token = randomBytes(24).toString('base64url');
    this.launchTokens.add(token);
    return `${this.origin}/?t=${token}`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets.clients) ws.terminate();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** DNS rebinding: only the names this host was reached by on loopback. */
  private knownHost(req: IncomingMessage): boolean {
    const host = req.headers.host ?? '';
    const authority = this.origin.replace('http://', '');
    return host === authority || host === authority.replace('127.0.0.1', 'localhost');
  }

  /** `/ipc` from a browser holding this start's session cookie, compared in constant time. */
  private carriesSession(req: IncomingMessage): boolean {
    const url = new URL(req.url ?? '/', 'http://host');
    return url.pathname === '/ipc' && this.hasSessionCookie(req);
  }

  private hasSessionCookie(req: IncomingMessage): boolean {
    const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
    const name = `${sessionCookieName(new URL(this.origin).port)}=`;
    const given = Buffer.from(cookies.find((c) => c.startsWith(name))?.slice(name.length) ?? '');
    const expected = Buffer.from(this.session);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === this.origin || origin === this.origin.replace('127.0.0.1', 'localhost');
  }

  private serveSocket(ws: WebSocket): void {
    const unsubscribe = this.workstation.bus.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('close', unsubscribe);
    let inFlight = 0;
    ws.on('message', (data) => {
      let request: z.infer<typeof wsRequestSchema>;
      try {
        request = wsRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        ws.close(1008, 'invalid message');
        return;
      }
      if (inFlight >= MAX_CALLS_IN_FLIGHT) {
        ws.send(
          JSON.stringify({
            id: request.id,
            result: err('TOO_MANY_CALLS', 'Trop d’appels en cours sur cette page : réessayez dans un instant.'),
          }),
        );
        return;
      }
      inFlight++;
      void this.workstation
        .dispatch(request.call, request.input)
        .then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: request.id, result }));
        })
        .finally(() => inFlight--);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.knownHost(req))
      return this.json(res, 421, {
        error: { code: 'UNKNOWN_HOST', message: 'Nom d’hôte inconnu : ouvrez le poste à son adresse 127.0.0.1.' },
      });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/_dev/')) return this.devRoute(req, res, path);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return this.json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Méthode non permise.' } });
    const launch = new URL(req.url ?? '/', 'http://host').searchParams.get('t');
    if (launch !== null) return this.trade(res, launch);
    const file = await readRendererFile(this.rendererDir, path);
    if (!file) return this.json(res, 404, { error: { code: 'NOT_FOUND', message: 'Introuvable.' } });
    const page = file.type.startsWith('text/html');
    // The page (and through it the contract) only for the browser that opened the launch address.
    if (page && !this.hasSessionCookie(req)) return this.notOpened(res);
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': contentSecurityPolicy([this.origin.replace('http:', 'ws:')]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': page ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** A launch token, once: the session cookie set, and the address without its token (history keeps none). */
  private trade(res: ServerResponse, token: string): void {
    if (!this.launchTokens.delete(token)) return this.notOpened(res, 'Cette adresse a déjà servi ou ne vient pas de ce poste.');
    res.writeHead(303, {
      Location: '/',
      'Set-Cookie': `${sessionCookieName(new URL(this.origin).port)}=${this.session}; HttpOnly; SameSite=Strict; Path=/`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
  }

  private notOpened(res: ServerResponse, why = 'Ce navigateur n’a pas ouvert le poste.'): void {
    const text = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Comptoir</title><p>${why} Ouvrez l’adresse à usage unique qu’affiche « comptoir serve » (ou relancez « npm run start:browser »).</p></html>`;
    res.writeHead(401, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  }

  /** The virtual e-reader (workstation.md, browser mode). */
  private async devRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return this.json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Méthode non permise.' } });
    // No web page may inject reads: JSON only (a cross-site request then needs a CORS preflight we never grant), same origin if said.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return this.json(res, 415, {
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Corps JSON attendu (Content-Type: application/json).' },
      });
    if (req.headers.origin !== undefined && !this.sameOrigin(req))
      return this.json(res, 403, { error: { code: 'FORBIDDEN_ORIGIN', message: 'Origine non autorisée.' } });
    const body = await readJson(req);
    if (body === undefined)
      return this.json(res, 400, { error: { code: 'MALFORMED_JSON', message: "Le corps n'est pas un JSON valide." } });
    if (path === '/_dev/e-reader/reports') {
      const parsed = reportsBodySchema.safeParse(body);
      if (!parsed.success)
        return this.json(res, 422, {
          error: { code: 'VALIDATION_ERROR', message: 'Attendu : {"reports": ["octets en hexadécimal", …]}.' },
        });
      return this.json(res, 200, { reads: feedVirtualReports(this.workstation.reader, parsed.data) });
    }
    if (path === '/_dev/e-reader/scan') {
      const parsed = scanBodySchema.safeParse(body);
      if (!parsed.success) return this.json(res, 422, { error: { code: 'VALIDATION_ERROR', message: 'Attendu : {"text": "…"}.' } });
      return this.json(res, 200, { read: feedVirtualScan(this.workstation.reader, parsed.data) });
    }
    this.log.warn('host.unknown_dev_route', {});
    return this.json(res, 404, { error: { code: 'NO_ROUTE', message: 'Aucune ressource à cette adresse.' } });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DEV_BODY) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
