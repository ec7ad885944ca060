import type { CallInput, CallOutput, EventPayload } from '../../shared/contract/ipc-contract.js';
import type { CallName, EventName } from '../../shared/contract/names.js';
import type { Result } from '../../shared/contract/result.js';

/** The one object the renderer talks to: the same in Electron (preload bridge) and in browser mode. */
export interface ComptoirApi {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the preload exposes as `window.comptoir` (untyped across the bridge, typed here). */
export type BridgeObject = {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    comptoir?: BridgeObject;
  }
}
