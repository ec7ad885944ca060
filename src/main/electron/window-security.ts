/**
 * The Electron security checklist, as data the tests can read: every window is created with
 * these preferences, and every permission request but the camera (for the webcam reader) is refused.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'comptoir';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: process.env.NODE_ENV === 'development',
  } as const;
}

/** Only the camera, for reading a QR code with the webcam; nothing else (geolocation, notifications…). */
export function isPermissionAllowed(permission: string, details: { mediaTypes?: string[] } = {}): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** True for a page of our own app://comptoir scheme (Node's URL gives such schemes no origin). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation never leaves our own page. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** F5, Ctrl+R, F11, F12, Ctrl+Shift+I never reload or open tools in production. */
export function isForbiddenShortcut(input: { key: string; control: boolean; meta: boolean; shift: boolean }): boolean {
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  const mod = input.control || input.meta;
  return mod && (key === 'r' || (input.shift && key === 'i'));
}
