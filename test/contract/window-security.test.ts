import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/host/content-security.js';
import {
  devToolsAllowed,
  isForbiddenShortcut,
  isNavigationAllowed,
  isPermissionAllowed,
  isPermissionCheckAllowed,
  secureWebPreferences,
} from '../../src/main/electron/window-security.js';

describe('Electron security checklist', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');

  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows the camera only, for the webcam reader, and only to our own page', () => {
    const app = 'app://comptoir/index.html';
    expect(isPermissionAllowed('media', { mediaTypes: ['video'], requestingUrl: app })).toBe(true);
    expect(isPermissionAllowed('media', { mediaTypes: ['video'], requestingUrl: 'https://example.org/' })).toBe(false);
    expect(isPermissionAllowed('media', { mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionAllowed('media', { mediaTypes: ['audio'], requestingUrl: app })).toBe(false);
    expect(isPermissionAllowed('media', { mediaTypes: ['video', 'audio'], requestingUrl: app })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb'])
      expect(isPermissionAllowed(p, { requestingUrl: app })).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://comptoir', 'video')).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://comptoir', 'audio')).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://example.org', 'video')).toBe(false);
    expect(isPermissionCheckAllowed('geolocation', 'app://comptoir')).toBe(false);
  });

  it('opens DevTools only in an unpackaged development run', () => {
    expect(devToolsAllowed(true, { NODE_ENV: 'development' })).toBe(false);
    expect(devToolsAllowed(false, { NODE_ENV: 'production' })).toBe(false);
    expect(devToolsAllowed(false, {})).toBe(false);
    expect(devToolsAllowed(false, { NODE_ENV: 'development' })).toBe(true);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(false);
  });

  it('never navigates away from app://comptoir', () => {
    expect(isNavigationAllowed('app://comptoir/index.html')).toBe(true);
    for (const url of ['https://example.org', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'not a url'])
      expect(isNavigationAllowed(url)).toBe(false);
  });

  it('swallows reload and devtools keys', () => {
    const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; meta: boolean }> = {}) => ({
      key: k,
      control: false,
      meta: false,
      shift: false,
      ...mods,
    });
    for (const k of [
      key('F5'),
      key('F11'),
      key('F12'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('I', { control: true, shift: true }),
    ])
      expect(isForbiddenShortcut(k)).toBe(true);
    for (const k of [key('F3'), key('F9'), key('r'), key('Escape')]) expect(isForbiddenShortcut(k)).toBe(false);
  });

  it('has a strict CSP: own scripts, WebAssembly but never eval, no remote content', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:|\*/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
