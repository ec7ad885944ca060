import type { IncomingMessage } from 'node:http';
import type { Actor } from './actors.js';
import type { AmService, Reply } from './am-service.js';
import { errors } from './errors.js';
import { MAX_BODY_BYTES } from './http-kit.js';
import { SCOR_MAX_BODY_BYTES } from './scor-documents.js';
import { LOT_MAX_BODY_BYTES } from './claims/claims-service.js';

/** What a route handler gets: the caller, the path parameter, the parsed body, the lease header. */
export type RouteContext = { actor: Actor; param: string; body: unknown; leaseToken: string | null; query: URLSearchParams };
type Handler = (service: AmService, ctx: RouteContext) => Reply | Promise<Reply>;
type Route = { pattern: RegExp; methods: Partial<Record<string, Handler>>; needsBody?: boolean; maxBodyBytes?: number };

const segment = '([^/]+)';

/** The contract's endpoint table, in the spec's order. */
const ROUTES: Route[] = [
  { pattern: /^\/v1\/prescriptions$/, methods: { POST: (s, c) => s.createPrescription(c.actor, c.body) }, needsBody: true },
  { pattern: new RegExp(`^/v1/prescriptions/${segment}$`), methods: { GET: (s, c) => s.getPrescription(c.actor, c.param) } },
  {
    pattern: new RegExp(`^/v1/prescriptions/${segment}/lease$`),
    methods: { POST: (s, c) => s.takeLease(c.actor, c.param), DELETE: (s, c) => s.releaseLease(c.actor, c.param, c.leaseToken) },
  },
  {
    pattern: new RegExp(`^/v1/prescriptions/${segment}/executions$`),
    methods: {
      POST: (s, c) => s.executePrescription(c.actor, c.param, c.leaseToken, c.body),
      GET: (s, c) => s.listExecutions(c.actor, c.param),
    },
    needsBody: true,
  },
  {
    pattern: new RegExp(`^/v1/executions/${segment}/cancel$`),
    methods: { POST: (s, c) => s.cancelExecution(c.actor, c.param, c.body) },
    needsBody: true,
  },
  { pattern: new RegExp(`^/v1/prescriptions/${segment}/cancel$`), methods: { POST: (s, c) => s.cancelPrescription(c.actor, c.param) } },
  { pattern: new RegExp(`^/v1/patients/${segment}/prescriptions$`), methods: { GET: (s, c) => s.patientPrescriptions(c.actor, c.param) } },
  { pattern: /^\/v1\/apcv\/sessions$/, methods: { POST: (s, c) => s.createApcvSession(c.actor) } },
  { pattern: new RegExp(`^/v1/apcv/sessions/${segment}/redeem$`), methods: { POST: (s, c) => s.redeemApcv(c.actor, c.param) } },
  { pattern: /^\/v1\/me$/, methods: { GET: (s, c) => s.me(c.actor) } },
  {
    pattern: /^\/v1\/scor\/documents$/,
    methods: { POST: (s, c) => s.scor.submit(c.actor, c.body), GET: (s, c) => s.scor.list(c.actor, c.query.get('from')) },
    needsBody: true,
    maxBodyBytes: SCOR_MAX_BODY_BYTES,
  },
  // claims.md, S1–S4
  {
    pattern: /^\/sv\/v1\/lots$/,
    methods: { POST: (s, c) => s.claims.submitLot(c.actor, c.body), GET: (s, c) => s.claims.listLots(c.actor, c.query.get('from')) },
    needsBody: true,
    maxBodyBytes: LOT_MAX_BODY_BYTES,
  },
  { pattern: /^\/sv\/v1\/mailbox$/, methods: { GET: (s, c) => s.claims.readMailbox(c.actor, c.query) } },
  { pattern: new RegExp(`^/sv/v1/fses/${segment}$`), methods: { GET: (s, c) => s.claims.fse(c.actor, c.param) } },
];

export type Match = { handler: Handler; param: string; needsBody: boolean; maxBodyBytes: number };

/** Finds the route: NO_ROUTE for an unknown path, METHOD_NOT_ALLOWED (with Allow) for a wrong verb. */
export function matchRoute(method: string, path: string): Match | { error: ReturnType<typeof errors.noRoute>; allow?: string } {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const handler = route.methods[method];
    if (!handler) return { error: errors.methodNotAllowed(), allow: Object.keys(route.methods).join(', ') };
    return {
      handler,
      param: decodeParam(m[1]),
      needsBody: route.needsBody === true && method === 'POST',
      maxBodyBytes: route.maxBodyBytes ?? MAX_BODY_BYTES,
    };
  }
  return { error: errors.noRoute() };
}

function decodeParam(raw: string | undefined): string {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return '\u0000';
  }
}

export function leaseTokenOf(req: IncomingMessage): string | null {
  const value = req.headers['x-lease-token'];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
