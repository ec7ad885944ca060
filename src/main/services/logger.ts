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

/**
 * A NIR however it is written: 13 or 15 characters, sex 1–4 (or 7–8, temporary), Corsica's
 * 2A/2B as the department, with or without the spaces of the card (« 2 79 03 2A 215 189 89 »).
 */
const NIR = /\b[1-478]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b/i;

export function scrub(fields: LogFields = {}): LogFields {
  const clean: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (FORBIDDEN_KEYS.test(key)) continue;
    clean[key] = typeof value === 'string' && NIR.test(value) ? '[nir masqué]' : value;
  }
  return clean;
}

export function createLogger(write: (line: string) => void): Logger {
  const log = (level: string) => (event: string, fields?: LogFields) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...scrub(fields) }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
