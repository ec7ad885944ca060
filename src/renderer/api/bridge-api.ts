import type { ComptoirApi, BridgeObject } from './comptoir-api.js';

/** Electron: the typed face of the preload's `window.comptoir`. */
export function bridgeApi(bridge: BridgeObject): ComptoirApi {
  return {
    call: (name, input) => bridge.call(name, input) as never,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}
