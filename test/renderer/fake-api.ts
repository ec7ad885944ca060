import type { ComptoirApi } from '../../src/renderer/api/comptoir-api.js';
import type { Result } from '../../src/shared/contract/result.js';

type Handler = (input: any) => unknown;

/** A fake of the typed API: records calls, answers from the handlers given, emits events on demand. */
export function fakeApi(handlers: Record<string, Handler>) {
  const calls: { name: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api: ComptoirApi = {
    call: async (name, input) => {
      calls.push({ name, input });
      const handler = handlers[name];
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Appel inconnu.' } } as never;
      try {
        return { ok: true, value: await handler(input) } as Result<never>;
      } catch (error) {
        const e = error as { code?: string; message: string };
        return { ok: false, error: { code: e.code ?? 'ERROR', message: e.message } } as never;
      }
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  return { api, calls, emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)) };
}
