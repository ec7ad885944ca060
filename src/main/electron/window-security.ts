/**
 * The Electron security checklist, as data the tests can read: every window is created with
 * these preferences, and every permission request but the camera (for the webcam reader) is refused.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'comptoir';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** DevTools only in an unpackaged development run: a packaged build never opens them, whatever NODE_ENV says. */
export function devToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return !isPackaged && env.NODE_ENV === 'development';
}

export function secureWebPreferences(preloadPath: string, isPackaged = true) {
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
    devTools: devToolsAllowed(isPackaged),
  } as const;
}

/**
 * Only the camera, for reading a QR code with the webcam, and only for our own page; nothing else
 * (microphone, geolocation, notifications…). `requestingUrl` is the page asking.
 */
export function isPermissionAllowed(permission: string, details: { mediaTypes?: string[]; requestingUrl?: string } = {}): boolean {
  if (permission !== 'media' || !isAppUrl(details.requestingUrl ?? '')) return false;
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

/** The permission *check* (no media types given): the camera question, from our own page only. */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, mediaType?: string): boolean {
  return permission === 'media' && isAppUrl(requestingOrigin) && (mediaType === undefined || mediaType === 'video');
}
