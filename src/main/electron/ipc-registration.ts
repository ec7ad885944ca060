import { CALL_NAMES, CHANNEL_PREFIX, callChannel } from '../../shared/contract/names.js';
import { IPC_ERRORS } from '../../shared/contract/ipc-errors.js';
import { err, type Result } from '../../shared/contract/result.js';
import type { Dispatch } from '../services/contract-dispatcher.js';

/** The part of Electron's ipcMain we use, so registration is tested without Electron. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
};
/** The part of an invoke event we check: which frame of which window sent it. */
export type InvokeEventLike = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

export type SenderPolicy = { trustedWebContentsIds: () => ReadonlySet<number>; isAppUrl: (url: string) => boolean };

/**
 * A call is served only from the main frame of one of our windows, showing our own page
 * (VS Code and Electron Fiddle do the same): no iframe, no navigated-away page, no other window.
 */
export function isTrustedSender(event: InvokeEventLike, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return policy.trustedWebContentsIds().has(event.sender.id) && policy.isAppUrl(frame.url);
}

/** Registers one handler per contract call: sender check → (dispatcher: validation → handler → envelope). */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, policy: SenderPolicy): string[] {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = callChannel(name);
    if (!channel.startsWith(CHANNEL_PREFIX)) continue;
    ipcMain.handle(channel, async (event, input): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, policy)) return err('UNTRUSTED_SENDER', IPC_ERRORS.UNTRUSTED_SENDER);
      return dispatch(name, input);
    });
    channels.push(channel);
  }
  return channels;
}
