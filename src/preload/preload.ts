import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, EVENT_NAMES, callChannel, eventChannel, type CallName, type EventName } from '../shared/contract/names.js';

/**
 * The only thing the renderer gets: `window.comptoir` with `call` and `on`, allow-listed by the
 * contract's names. Never ipcRenderer itself, never Node.
 */
const api = {
  call(name: string, input: unknown): Promise<unknown> {
    if (!(CALL_NAMES as readonly string[]).includes(name))
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'Appel inconnu.' } });
    return ipcRenderer.invoke(callChannel(name as CallName), input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) return () => undefined;
    const channel = eventChannel(event as EventName);
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
};

contextBridge.exposeInMainWorld('comptoir', api);
