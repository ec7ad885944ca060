import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** zxing-wasm in the renderer, its .wasm bundled with the app (never a CDN; CSP 'wasm-unsafe-eval'). */
let prepared = false;
function prepare(): void {
  if (prepared) return;
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });
  prepared = true;
}

const OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'MicroQRCode', 'DataMatrix'],
  textMode: 'Plain',
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  maxNumberOfSymbols: 4,
};

export type FoundCode = { text: string; aim: string | null };

/** Every valid QR/DataMatrix in an image file or a camera frame. */
export async function readCodes(source: Blob | ImageData): Promise<FoundCode[]> {
  prepare();
  const results = await readBarcodes(source, OPTIONS);
  return results.filter((r) => r.isValid).map((r) => ({ text: r.text, aim: r.symbologyIdentifier || null }));
}
