import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';
import { measureScorPdf } from '../../../src/am-server/scor-pdf.js';

const png = (width: number, height: number): Uint8Array => {
  const image = new PNG({ width, height });
  image.data.fill(235);
  return PNG.sync.write(image);
};
const jpg = (width: number, height: number): Uint8Array =>
  jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 200) }, 80).data;

/** pdfimages' own reading of the page's image and its resolution (poppler, not our code). */
function popplerDpi(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  writeFileSync(join(dir, 'scan.pdf'), pdf);
  const line =
    execFileSync('pdfimages', ['-list', join(dir, 'scan.pdf')])
      .toString()
      .trim()
      .split('\n')
      .at(-1) ?? '';
  return Number(line.trim().split(/\s+/)[12]);
}

describe('the scanned ordonnance as SCOR wants it', () => {
  it.each([
    ['an A5-sized scan', png(1240, 1754), 'A5', false, 212],
    ['an A4-sized scan', jpg(1700, 2404), 'A4', false, 205],
    ['a landscape webcam photo', jpg(1920, 1080), 'A5', true, 232],
  ] as const)('%s: a one-page PDF of 200 dpi at least, in the image’s orientation', async (_, bytes, format, landscape, dpi) => {
    const scan = await scannedOrdonnancePdf(bytes, bytes[0] === 0x89 ? 'image/png' : 'image/jpeg');
    expect(scan).toMatchObject({ pages: 1, format, landscape, dpi });
    expect(popplerDpi(scan.pdf)).toBeGreaterThanOrEqual(200);
    expect(await measureScorPdf(scan.pdf)).toEqual({ ok: true, pages: 1, minDpi: dpi });
  });

  it('refuses a scan too small to be read, saying how many pixels it needs', async () => {
    await expect(scannedOrdonnancePdf(png(800, 1131), 'image/png')).rejects.toMatchObject({
      code: 'IMAGE_TOO_SMALL',
      message: expect.stringContaining('1166 pixels'),
    });
  });

  it('refuses what is not the image it claims to be', async () => {
    await expect(scannedOrdonnancePdf(new TextEncoder().encode('not an image'), 'image/jpeg')).rejects.toMatchObject({
      code: 'IMAGE_INVALID',
    });
  });
});
