import { CALLS, type CallHandlers } from '../../shared/contract/ipc-contract.js';
import { IPC_ERRORS } from '../../shared/contract/ipc-errors.js';
import { isCallName } from '../../shared/contract/names.js';
import { err, ok, type Result } from '../../shared/contract/result.js';
import type { Logger } from './logger.js';
import { storeFailure } from './store/store-errors.js';

/**
 * The one way into the services, shared by both hosts (Electron IPC and the browser-mode
 * WebSocket): known call name → validated input → handler → envelope. Nothing thrown crosses it.
 */
export function createDispatcher(handlers: CallHandlers, log: Logger) {
  return async function dispatch(name: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isCallName(name)) return err('UNKNOWN_CALL', IPC_ERRORS.UNKNOWN_CALL);
    const parsed = CALLS[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.map(String).join('.') || 'données';
      // Our own checks (refine) carry a French sentence for the user; zod's built-in ones do not.
      const detail = issue?.code === 'custom' || issue?.code === 'invalid_format' ? ` : ${issue.message}` : '';
      return err('INVALID_INPUT', `${IPC_ERRORS.INVALID_INPUT} (${where})${detail}`);
    }
    try {
      const handler = handlers[name] as (i: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      const known = storeFailure(error);
      if (known) return err(known.code, known.message);
      log.error('ipc.internal_error', { call: name, error: error instanceof Error ? error.name : 'unknown' });
      return err('INTERNAL_ERROR', IPC_ERRORS.INTERNAL_ERROR);
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
