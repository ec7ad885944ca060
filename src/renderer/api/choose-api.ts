import { bridgeApi } from './bridge-api.js';
import type { ComptoirApi } from './comptoir-api.js';
import { websocketApi } from './websocket-api.js';

/** Electron gives us `window.comptoir`; browser mode talks to the host that served the page. */
export function chooseApi(): ComptoirApi {
  if (window.comptoir) return bridgeApi(window.comptoir);
  // Browser mode: the page carries its host's per-start secret; without it the socket is refused.
  const session = document.querySelector<HTMLMetaElement>('meta[name="comptoir-session"]')?.content ?? '';
  return websocketApi(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc?session=${encodeURIComponent(session)}`);
}
