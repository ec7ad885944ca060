/** A capture line: `+N` milliseconds before it (default 0), then the report as hex bytes. */
export type CaptureLine = { delayMs: number; bytes: Uint8Array; lineNumber: number } | { error: string; lineNumber: number };

/** Parses a capture (one report per line, `#` comments, blank lines ignored). */
export function parseCapture(text: string): CaptureLine[] {
  const lines: CaptureLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const lineNumber = index + 1;
    const m = /^(?:\+(\d+)\s+)?(.*)$/.exec(line);
    const hex = (m?.[2] ?? '').replace(/\s+/g, '');
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
      lines.push({ error: `ligne ${lineNumber} : octets hexadécimaux attendus`, lineNumber });
      return;
    }
    lines.push({ delayMs: Number(m?.[1] ?? 0), bytes: Uint8Array.from(Buffer.from(hex, 'hex')), lineNumber });
  });
  return lines;
}
