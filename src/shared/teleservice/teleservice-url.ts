/** Loopback names: the only hosts the téléservice may be reached on without TLS (the embedded mock, tests). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A host name or address a server may bind to and still be reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The téléservice's address is `https:`, or `http:` on loopback only: never `file:`, `javascript:`
 * or plain HTTP across a network (a token and patients' data travel on it). Null when acceptable,
 * else the French sentence saying why.
 */
export function teleserviceUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'adresse du téléservice invalide';
  }
  if (url.username || url.password) return 'pas d’identifiants dans l’adresse : le jeton se saisit à part';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return url.protocol === 'http:' ? 'https:// obligatoire (http:// seulement sur cette machine, 127.0.0.1)' : 'adresse https:// attendue';
}
