import { AppError } from '../../../shared/contract/result.js';
import { STORE_ERRORS } from './sqlite/sqlite-database.js';

/** The connection to the pharmacy's server was lost or refused (node-postgres and PostgreSQL's own codes). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** Word for word as the issue says it (« Serveur de l'officine injoignable »): checked from outside. */
export const SERVER_UNREACHABLE_MESSAGE = "Serveur de l'officine injoignable.";

/**
 * A store failure the counter can say in one sentence: the server away (« Serveur de l’officine
 * injoignable » — what is on screen stays, the same action goes through once it answers), the disk
 * full. Anything else is left as it is.
 */
export function storeFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  // SQLite's full or failing disk, PostgreSQL's disk_full: the transaction rolled back, the screen keeps every entry.
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || code === '53100') return STORE_ERRORS.DISK_FULL();
  if (typeof code === 'string' && UNREACHABLE.has(code)) return new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE);
  if (error instanceof Error && UNREACHABLE_MESSAGES.test(error.message))
    return new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE);
  return null;
}
