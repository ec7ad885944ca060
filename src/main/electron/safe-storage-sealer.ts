import type { SecretSealer } from '../services/secrets/secret-store.js';

/** The part of Electron's `safeStorage` the sealer uses (a fake stands in for it in tests). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?: () => string;
};

/**
 * Seals secrets with the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux). Null where there is none, or where Linux falls back to `basic_text` (a hard-coded key that
 * protects nothing): the secrets file's 0600 mode is then all there is, as in browser mode.
 */
export function safeStorageSealer(safeStorage: SafeStorageLike, platform = process.platform): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    protection: 'safeStorage',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
