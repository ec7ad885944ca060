import { AppError } from '../../../shared/contract/result.js';

/** The connection to the pharmacy's server was lost or refused (node-postgres and PostgreSQL's own codes). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNREACHABLE_MESSAGES = /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export const SERVER_UNREACHABLE_MESSAGE = 'Serveur de l’officine injoignable.';

/**
 * A store failure the counter can say in one sentence: the server away (« Serveur de l’officine
 * injoignable » — what is on screen stays, the same action goes through once it answers), the disk
 * full. Anything else is left as it is.
 */
export function storeFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE);
  if (error instanceof Error && UNREACHABLE_MESSAGES.test(error.message)) return new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE);
  return null;
}
