import { describe, expect, it } from 'vitest';
import { codePng, gs1DataMatrixPng } from '../../../src/main/services/codes/code-writer.js';
import { decodeImage } from '../../../src/main/services/codes/image-decoder.js';
import { fromPng, lowContrast, noise, place, rotate, toJpeg, toPng } from '../../helpers/images.js';

const ID = '015V37E3S3E28JT97C';
const PACK_HRI = '(01)03400930000014(17)290500(10)A1B2C3(21)0000000001';

async function ids(bytes: Uint8Array): Promise<string[]> {
  const result = await decodeImage(bytes);
  return 'codes' in result ? result.codes.map((c) => (c.kind === 'eprescription' ? c.id : c.kind)) : [result.error];
}

describe('decoding generated and degraded images with zxing-wasm', () => {
  it('reads a clean QR code as an e-prescription', async () => {
    const result = await decodeImage(await codePng(ID, 'QRCode'));
    expect(result).toEqual({ codes: [{ kind: 'eprescription', text: ID, aim: ']Q1', id: ID }] });
  });

  it('reads a GS1 DataMatrix as a medicine pack with its AIM ]d2', async () => {
    const result = await decodeImage(await gs1DataMatrixPng(PACK_HRI));
    expect(result).toEqual({
      codes: [
        expect.objectContaining({
          kind: 'medicine-pack',
          aim: ']d2',
          cip13: '3400930000014',
          expiry: '2029-05-31',
          batch: 'A1B2C3',
          serial: '0000000001',
        }),
      ],
    });
  });

  const qr = async () => fromPng(await codePng(ID, 'QRCode', 1));

  it.each([
    ['placed small on a phone-photo canvas', async () => toPng(place(await qr(), 1200, 900, 8, 0.3, 0.6))],
    ['rotated 17°', async () => toPng(rotate(place(await qr(), 600, 600, 10), 17))],
    ['rotated 90°', async () => toPng(rotate(place(await qr(), 600, 600, 10), 90))],
    ['with 4 % salt-and-pepper noise', async () => toPng(noise(place(await qr(), 600, 600, 10), 0.04))],
    ['in low contrast', async () => toPng(lowContrast(place(await qr(), 600, 600, 10)))],
    ['as a JPEG at quality 35', async () => toJpeg(place(await qr(), 800, 600, 9), 35)],
    [
      'rotated, noisy, low-contrast JPEG',
      async () => toJpeg(noise(lowContrast(rotate(place(await qr(), 900, 700, 10), 8), 90, 200), 0.02), 50),
    ],
  ])('reads the QR %s', async (_label, make) => {
    expect(await ids(await make())).toEqual([ID]);
  });

  it('reads two codes on one image', async () => {
    const a = fromPng(await codePng(ID, 'QRCode', 8));
    const b = fromPng(await gs1DataMatrixPng(PACK_HRI, 8));
    const canvas = place(a, 1000, 500, 1, 0.05, 0.5);
    const other = place(b, 1000, 500, 1, 0.9, 0.5);
    const merged = { ...canvas, data: Uint8Array.from(canvas.data, (v, i) => Math.min(v, other.data[i]!)) };
    expect((await ids(toPng(merged))).sort()).toEqual([ID, 'medicine-pack'].sort());
  });

  it('says when no code is found, and refuses what is not an image', async () => {
    expect(await decodeImage(toPng({ width: 200, height: 200, data: new Uint8Array(40000).fill(255) }))).toMatchObject({
      error: 'NO_CODE_FOUND',
      message: expect.stringMatching(/Aucun QR code/),
    });
    expect(await decodeImage(new TextEncoder().encode('<svg onload=alert(1)>'))).toMatchObject({ error: 'IMAGE_FORMAT' });
    expect(await decodeImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toMatchObject({ error: 'NO_CODE_FOUND' });
  });
});
