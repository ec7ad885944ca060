import { zxingWriter } from './zxing-node.js';

/** A 2D code as a matrix of modules (true = dark), for vector drawing in PDFs. */
export type ModuleMatrix = { size: number; width: number; height: number; dark: (x: number, y: number) => boolean };

export async function qrMatrix(text: string): Promise<ModuleMatrix> {
  return matrix(text, 'QRCode', 'M');
}

async function matrix(text: string, format: 'QRCode' | 'DataMatrix', ecLevel?: 'M'): Promise<ModuleMatrix> {
  const { writeBarcode } = await zxingWriter();
  const result = await writeBarcode(text, { format, ...(ecLevel ? { ecLevel } : {}) });
  if (result.error || !result.symbol) throw new Error(`2D code not written: ${result.error}`);
  const { data, width, height } = result.symbol;
  return { size: Math.max(width, height), width, height, dark: (x, y) => (data[y * width + x] ?? 255) < 128 };
}

/** A PNG of the code (used by tests and the LAP simulator's previews). */
export async function codePng(text: string, format: 'QRCode' | 'DataMatrix', scale = 4): Promise<Uint8Array> {
  const { writeBarcode } = await zxingWriter();
  const result = await writeBarcode(text, { format, scale });
  if (result.error || !result.image) throw new Error(`2D code not written: ${result.error}`);
  return new Uint8Array(await result.image.arrayBuffer());
}

/** A GS1 DataMatrix (]d2) from its human-readable form, e.g. `(01)03400930000014(17)290500(10)A1`. */
export async function gs1DataMatrixPng(hri: string, scale = 4): Promise<Uint8Array> {
  const { writeBarcode } = await zxingWriter();
  const result = await writeBarcode(hri, { format: 'DataMatrix', options: 'gs1', scale });
  if (result.error || !result.image) throw new Error(`2D code not written: ${result.error}`);
  return new Uint8Array(await result.image.arrayBuffer());
}
