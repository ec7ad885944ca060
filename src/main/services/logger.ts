/**
 * A structured logger that never takes personal data: callers pass event names and codes, and any
 * field that looks like a NIR, a name or a token is refused at the door.
 */
export type LogFields = Record<string, string | number | boolean | null>;
export type Logger = {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
};

const FORBIDDEN_KEYS = /nir|name|nom|token|secret|password|birth/i;

export function scrub(fields: LogFields = {}): LogFields {
  const clean: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (FORBIDDEN_KEYS.test(key)) continue;
    clean[key] = typeof value === 'string' && /\b[12][0-9]{12}(?:[0-9]{2})?\b/.test(value) ? '[nir masqué]' : value;
  }
  return clean;
}

export function createLogger(write: (line: string) => void): Logger {
  const log = (level: string) => (event: string, fields?: LogFields) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...scrub(fields) }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
