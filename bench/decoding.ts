import jsQR from 'jsqr';
import { codePng } from '../src/main/services/codes/code-writer.js';
import { zxingReader } from '../src/main/services/codes/zxing-node.js';
import { fromPng, lowContrast, noise, place, rotate, type Raster } from '../test/helpers/images.js';
import { percentile, sized, type BenchScale, type Row } from './bench-kit.js';

const ID = '013XJ9K2M4P6R8T0V0';
const SIZES: { name: string; width: number; height: number; scale: number }[] = [
  { name: '1080p webcam frame', width: 1920, height: 1080, scale: 9 },
  { name: '300 dpi A5 scan', width: 1748, height: 2480, scale: 12 },
  { name: 'phone photo (12 MP)', width: 4032, height: 3024, scale: 20 },
];

function rgba(r: Raster): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(r.width * r.height * 4);
  for (let i = 0; i < r.data.length; i++) data.set([r.data[i]!, r.data[i]!, r.data[i]!, 255], i * 4);
  return { data, width: r.width, height: r.height };
}

/** zxing-wasm (the product's decoder) beside jsQR on the same generated, degraded images. */
export async function decodingBench(scale: BenchScale): Promise<Row[]> {
  const RUNS = sized(scale, 5, 1);
  const { readBarcodes } = await zxingReader();
  const qr = fromPng(await codePng(ID, 'QRCode', 1));
  const rows: Row[] = [];
  for (const size of SIZES) {
    const images = Array.from({ length: RUNS }, (_, i) =>
      rgba(
        noise(lowContrast(rotate(place(qr, size.width, size.height, size.scale, 0.3 + i * 0.08, 0.6), 4 + i * 3), 70, 200), 0.01, i + 1),
      ),
    );
    const zxing: number[] = [];
    const js: number[] = [];
    let zxingOk = 0;
    let jsOk = 0;
    for (const image of images) {
      let t = performance.now();
      const found = await readBarcodes(image as unknown as ImageData, {
        formats: ['QRCode', 'DataMatrix'],
        tryHarder: true,
        maxNumberOfSymbols: 1,
      });
      zxing.push(performance.now() - t);
      if (found.some((f) => f.text === ID)) zxingOk++;
      t = performance.now();
      const j = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      js.push(performance.now() - t);
      if (j?.data === ID) jsOk++;
    }
    rows.push({
      image: `${size.name} ${size.width}×${size.height}`,
      'zxing p50 ms': percentile(zxing, 50),
      'zxing p95 ms': percentile(zxing, 95),
      'zxing read': `${zxingOk}/${RUNS}`,
      'jsQR p50 ms': percentile(js, 50),
      'jsQR p95 ms': percentile(js, 95),
      'jsQR read': `${jsOk}/${RUNS}`,
      'jsQR / zxing (p50)': percentile(js, 50) / percentile(zxing, 50),
    });
  }
  return rows;
}
