import { IPC_ERRORS } from '../../shared/contract/ipc-errors.js';
import { isEventName } from '../../shared/contract/names.js';
import type { Result } from '../../shared/contract/result.js';
import type { ComptoirApi } from './comptoir-api.js';

type Pending = { resolve: (r: Result<never>) => void };

/** Browser mode: the contract over a WebSocket to `comptoir serve`, reconnecting on its own. */
export function websocketApi(url: string): ComptoirApi {
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (e) => {
      let message: { id?: number; result?: Result<never>; event?: string; payload?: unknown };
      try {
        message = JSON.parse(String(e.data)) as typeof message;
      } catch {
        return;
      }
      if (typeof message.id === 'number' && message.result) {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else if (isEventName(message.event)) {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      socket = null;
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { code: 'HOST_DISCONNECTED', message: IPC_ERRORS.HOST_DISCONNECTED } });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    call: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as Pending['resolve'] });
        const message = JSON.stringify({ id, call: name, input });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      }),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
