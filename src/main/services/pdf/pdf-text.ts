import type { PDFFont, PDFPage, RGB } from 'pdf-lib';

/**
 * Text for pdf-lib's standard fonts (WinAnsi): French accents pass, anything else becomes a
 * close equivalent or '?', so a hostile or exotic label never breaks the print.
 */
const REPLACEMENTS: Record<string, string> = {
  '\u202f': ' ',
  '\u00a0': ' ',
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '⟨': '<',
  '⟩': '>',
  œ: 'oe',
  Œ: 'OE',
};

export function winAnsi(font: PDFFont, text: string): string {
  let out = '';
  // eslint-disable-next-line no-control-regex -- control characters print as spaces
  for (const ch of text.replace(/[\u0000-\u001f\u007f]/g, ' ')) {
    const candidate = REPLACEMENTS[ch] ?? ch;
    try {
      font.encodeText(candidate);
      out += candidate;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** Splits text into lines that fit `width` at `size`. */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const words = winAnsi(font, text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export type TextStyle = { font: PDFFont; size: number; color?: RGB };

/** Draws wrapped text from (x, y) downwards; returns the y below it. */
export function drawWrapped(page: PDFPage, text: string, x: number, y: number, width: number, style: TextStyle, leading = 1.25): number {
  let cursor = y;
  for (const line of wrap(style.font, text, style.size, width)) {
    page.drawText(line, { x, y: cursor, size: style.size, font: style.font, ...(style.color ? { color: style.color } : {}) });
    cursor -= style.size * leading;
  }
  return cursor;
}
