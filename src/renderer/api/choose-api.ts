import { bridgeApi } from './bridge-api.js';
import type { ComptoirApi } from './comptoir-api.js';
import { websocketApi } from './websocket-api.js';

/** Electron gives us `window.comptoir`; browser mode talks to the host that served the page. */
export function chooseApi(): ComptoirApi {
  if (window.comptoir) return bridgeApi(window.comptoir);
  // The session is this browser's HttpOnly cookie: the page never holds the secret.
  return websocketApi(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`);
}
