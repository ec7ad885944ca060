import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { APP_HOST } from './window-security.js';

/**
 * Maps an app://comptoir URL onto a file of the built renderer, or null.
 * Malformed escapes, other hosts, `..` and symlinks leading out of the folder are all refused:
 * the renderer may only ever read what the build put there.
 */
export async function resolveRendererFile(rendererDir: string, requestUrl: string): Promise<string | null> {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST || pathname.includes('\0')) return null;
  const wanted = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  try {
    const root = await realpath(rendererDir);
    const full = await realpath(resolve(root, wanted));
    return isInside(root, full) ? full : null;
  } catch {
    return null;
  }
}

function isInside(root: string, full: string): boolean {
  const rel = relative(root, full);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
