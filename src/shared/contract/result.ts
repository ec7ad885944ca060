/** The envelope every contract call answers with: never a thrown error across the boundary. */
export type AppErrorBody = { code: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** An error with a stable code and a French sentence, raised by services, caught by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
