import { z } from 'zod';
import { errorBodySchema, prescriptionSchema, type Prescription } from '../../shared/teleservice/schemas.js';
import { UsageError } from '../cli-kit.js';

/** The prescriber's side of the téléservice: a LAP writes prescriptions and reads their executions. */
export class LapError extends Error {}

export function lapConnection(env: NodeJS.ProcessEnv = process.env): { url: string; token: string } {
  const url = env.COMPTOIR_AM_URL?.trim();
  if (!url)
    throw new UsageError(
      'COMPTOIR_AM_URL n’est pas défini : indiquez l’adresse du téléservice (par exemple celle affichée par « comptoir am-server »).',
    );
  const token = env.COMPTOIR_AM_TOKEN?.trim();
  if (!token) throw new UsageError('COMPTOIR_AM_TOKEN n’est pas défini : indiquez le jeton d’un prescripteur.');
  return { url: url.replace(/\/$/, ''), token };
}

async function call(conn: { url: string; token: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(conn.url + path, {
      method,
      headers: { Authorization: `Bearer ${conn.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new LapError(`Téléservice injoignable à ${conn.url}.`);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    const fields = parsed.success ? (parsed.data.error.details?.fields as { field: string; message: string }[] | undefined) : undefined;
    const detail = fields?.map((f) => `${f.field} : ${f.message}`).join(' ; ');
    throw new LapError(
      parsed.success
        ? `${parsed.data.error.code} — ${parsed.data.error.message}${detail ? ` (${detail})` : ''}`
        : `Réponse ${res.status} illisible du téléservice.`,
    );
  }
  return json;
}

export async function createPrescription(conn: { url: string; token: string }, body: unknown): Promise<Prescription> {
  const created = prescriptionSchema.safeParse(await call(conn, 'POST', '/v1/prescriptions', body));
  if (!created.success) throw new LapError('Réponse inattendue du téléservice à la création.');
  return created.data;
}

export async function fetchPrescription(conn: { url: string; token: string }, id: string): Promise<Prescription> {
  const parsed = prescriptionSchema.safeParse(await call(conn, 'GET', `/v1/prescriptions/${encodeURIComponent(id)}`));
  if (!parsed.success) throw new LapError('Réponse inattendue du téléservice.');
  return parsed.data;
}

const executionsSchema = z.object({ executions: z.array(z.record(z.string(), z.unknown())) });

export async function fetchExecutions(conn: { url: string; token: string }, id: string) {
  const parsed = executionsSchema.safeParse(await call(conn, 'GET', `/v1/prescriptions/${encodeURIComponent(id)}/executions`));
  if (!parsed.success) throw new LapError('Réponse inattendue du téléservice.');
  return parsed.data.executions;
}
