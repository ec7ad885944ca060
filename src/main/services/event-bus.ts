import type { EventName } from '../../shared/contract/names.js';
import type { EventPayload } from '../../shared/contract/ipc-contract.js';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Events main pushes to every connected renderer (Electron windows, browser-mode sockets). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
