import { z } from 'zod';
import {
  errorBodySchema,
  executionAcceptedSchema,
  leaseSchema,
  meSchema,
  prescriptionSchema,
  beneficiarySchema,
  type ExecutionAccepted,
  type ExecutionBody,
  type Lease,
  type Me,
  type Prescription,
} from '../../../shared/teleservice/schemas.js';
import { teleserviceMessage } from './teleservice-messages.js';
import { lotAcceptedSchema, mailboxPageSchema, type Lot, type LotAccepted } from '../../../shared/claims/claims-schemas.js';

/** A refusal or failure of the téléservice: stable code, French sentence, HTTP status (0: no answer). */
export class TeleserviceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
    /** How long the server asked to wait (`Retry-After` on a 429 or a 503), null when it did not say. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** Whatever a send threw, as a TeleserviceError: anything unexpected counts as no answer (sent again later). */
  static from(error: unknown): TeleserviceError {
    return error instanceof TeleserviceError ? error : new TeleserviceError('TELESERVICE_UNREACHABLE', 'Téléservice injoignable.', 0);
  }

  /** No answer or a 5xx: the request may be sent again later. */
  get transient(): boolean {
    return this.code === 'TELESERVICE_UNREACHABLE' || this.status >= 500 || this.status === 429;
  }
}

export type TeleserviceClientOptions = {
  /** Null: no téléservice for this counter (a shared database never falls back to the demo one). */
  baseUrl: string | null;
  token: string;
  /**
   * The most one call may take, retries included: a server that accepts the connection and never
   * answers is unreachable after this (workstation.md: 8 s at most before degraded mode, the screen included).
   */
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxAnswerBytes?: number;
};

const cancelledSchema = z.object({ executionId: z.string(), cancelled: z.boolean() });
const scorAcceptedSchema = z.object({ documentId: z.string(), receivedAt: z.string(), pages: z.number().int() });
export type ScorDocumentBody = {
  documentId: string;
  dispensingId: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  prescribedOn: string;
  prescriberRpps: string | null;
  /** The FSE this scan supports (claims.md), null when its dispensing has none. */
  fseNumber: string | null;
  pdfBase64: string;
};
type Request = { method: string; path: string; body?: unknown; leaseToken?: string; retry: boolean };

/**
 * The pharmacy's client of the téléservice. Retries only what is safe to repeat: reads, the lease
 * (same pharmacy → same lease) and executions (their executionId makes a replay harmless).
 */
export class TeleserviceClient {
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxAnswerBytes: number;

  constructor(private readonly options: TeleserviceClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 7_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 2 * 1024 * 1024;
  }

  /** Whether this counter has a téléservice address at all. */
  get configured(): boolean {
    return this.options.baseUrl !== null;
  }

  health(): Promise<boolean> {
    return this.send({ method: 'GET', path: '/v1/health', retry: false }).then(
      () => true,
      () => false,
    );
  }

  me(): Promise<Me> {
    return this.json({ method: 'GET', path: '/v1/me', retry: true }, meSchema);
  }

  getPrescription(id: string): Promise<Prescription> {
    return this.json({ method: 'GET', path: `/v1/prescriptions/${encodeURIComponent(id)}`, retry: true }, prescriptionSchema);
  }

  takeLease(id: string): Promise<Lease> {
    return this.json({ method: 'POST', path: `/v1/prescriptions/${encodeURIComponent(id)}/lease`, retry: true }, leaseSchema);
  }

  async releaseLease(id: string, leaseToken: string): Promise<void> {
    await this.send({ method: 'DELETE', path: `/v1/prescriptions/${encodeURIComponent(id)}/lease`, leaseToken, retry: true });
  }

  /** Cancels an execution this pharmacy sent (#8); cancelling it again answers the same. */
  cancelExecution(executionId: string, reason: string): Promise<{ executionId: string; cancelled: boolean }> {
    return this.json(
      { method: 'POST', path: `/v1/executions/${encodeURIComponent(executionId)}/cancel`, body: { reason }, retry: true },
      cancelledSchema,
    );
  }

  /** Sends a scanned ordonnance for SCOR (#14); the same documentId and body again get the first answer. */
  submitScorDocument(body: ScorDocumentBody): Promise<{ documentId: string; receivedAt: string; pages: number }> {
    return this.json({ method: 'POST', path: '/v1/scor/documents', body, retry: true }, scorAcceptedSchema);
  }

  execute(id: string, leaseToken: string, body: ExecutionBody): Promise<ExecutionAccepted> {
    return this.json(
      { method: 'POST', path: `/v1/prescriptions/${encodeURIComponent(id)}/executions`, body, leaseToken, retry: true },
      executionAcceptedSchema,
    );
  }

  /** S1: a lot of FSEs; its lotId makes a replay after a lost answer harmless (the first answer back). */
  submitLot(lot: Lot): Promise<LotAccepted> {
    return this.json({ method: 'POST', path: '/sv/v1/lots', body: lot, retry: true }, lotAcceptedSchema);
  }

  /** S2: the caisse's messages after the cursor (never deleted: reading again loses nothing). */
  readMailbox(after: number, limit = 500): Promise<z.infer<typeof mailboxPageSchema>> {
    return this.json({ method: 'GET', path: `/sv/v1/mailbox?after=${after}&limit=${limit}`, retry: true }, mailboxPageSchema);
  }

  redeemApcv(nonce: string) {
    return this.json({ method: 'POST', path: `/v1/apcv/sessions/${encodeURIComponent(nonce)}/redeem`, retry: false }, beneficiarySchema);
  }

  private async json<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
    const answer = await this.send(request);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw badAnswer(200);
    return parsed.data;
  }

  /** One call, retried while it may be, all within one deadline (a hanging server never holds the counter longer). */
  private async send(request: Request): Promise<unknown> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(request, deadline);
      } catch (error) {
        const pause = this.backoffMs * 2 ** attempt;
        const retryable =
          error instanceof TeleserviceError && error.transient && request.retry && attempt < this.retries && Date.now() + pause < deadline;
        if (!retryable) throw error;
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }

  private async once(request: Request, deadline: number): Promise<unknown> {
    const remaining = (): number => Math.max(1, deadline - Date.now());
    if (this.options.baseUrl === null)
      throw new TeleserviceError('TELESERVICE_NOT_CONFIGURED', teleserviceMessage('TELESERVICE_NOT_CONFIGURED'), 0);
    const headers: Record<string, string> = { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.leaseToken) headers['X-Lease-Token'] = request.leaseToken;
    let response: Response;
    try {
      response = await fetch(this.options.baseUrl.replace(/\/$/, '') + request.path, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(remaining()),
        redirect: 'error',
      });
    } catch {
      throw new TeleserviceError('TELESERVICE_UNREACHABLE', teleserviceMessage('TELESERVICE_UNREACHABLE'), 0);
    }
    const text = await this.readText(response, remaining());
    if (response.status === 204) return null;
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // A proxy's HTML error page on a 5xx is an outage, not a bad answer.
      if (response.ok || response.status < 500) throw badAnswer(response.status);
    }
    if (response.ok) return body;
    const parsed = errorBodySchema.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : response.status >= 500 ? 'UNAVAILABLE' : 'TELESERVICE_BAD_ANSWER';
    const details = parsed.success ? (parsed.data.error.details ?? {}) : {};
    throw new TeleserviceError(
      code,
      teleserviceMessage(code, details),
      response.status,
      details,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }

  /** Reads the answer with a size cap and its own deadline: a slow drip is cut, whatever the HTTP stack does. */
  private async readText(response: Response, timeoutMs: number): Promise<string> {
    const reader = response.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const unreachable = () => new TeleserviceError('TELESERVICE_UNREACHABLE', teleserviceMessage('TELESERVICE_UNREACHABLE'), 0);
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unreachable()), timeoutMs);
    });
    deadline.catch(() => undefined);
    try {
      for (let chunk = await Promise.race([reader.read(), deadline]); !chunk.done; chunk = await Promise.race([reader.read(), deadline])) {
        size += chunk.value.byteLength;
        if (size > this.maxAnswerBytes) throw badAnswer(response.status);
        chunks.push(chunk.value);
      }
    } catch (error) {
      void reader.cancel().catch(() => undefined);
      if (error instanceof TeleserviceError) throw error;
      throw unreachable();
    } finally {
      clearTimeout(timer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

function badAnswer(status: number): TeleserviceError {
  return new TeleserviceError('TELESERVICE_BAD_ANSWER', teleserviceMessage('TELESERVICE_BAD_ANSWER'), status);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
