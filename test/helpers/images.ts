import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A grey-level raster for degrading generated codes the way phones, webcams and scanners do. */
export type Raster = { width: number; height: number; data: Uint8Array };

export function fromPng(bytes: Uint8Array): Raster {
  const png = PNG.sync.read(Buffer.from(bytes));
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = png.data[i * 4]!;
  return { width: png.width, height: png.height, data };
}

export function toPng(r: Raster): Uint8Array {
  const png = new PNG({ width: r.width, height: r.height });
  for (let i = 0; i < r.data.length; i++) png.data.set([r.data[i]!, r.data[i]!, r.data[i]!, 255], i * 4);
  return new Uint8Array(PNG.sync.write(png));
}

export function toJpeg(r: Raster, quality: number): Uint8Array {
  const rgba = Buffer.alloc(r.width * r.height * 4);
  for (let i = 0; i < r.data.length; i++) rgba.set([r.data[i]!, r.data[i]!, r.data[i]!, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data: rgba, width: r.width, height: r.height }, quality).data);
}

/** Places the code on a larger white canvas, scaled, as on a page or in a camera frame. */
export function place(code: Raster, canvasW: number, canvasH: number, scale: number, x = 0.5, y = 0.5): Raster {
  const data = new Uint8Array(canvasW * canvasH).fill(255);
  const w = Math.round(code.width * scale);
  const h = Math.round(code.height * scale);
  const ox = Math.round((canvasW - w) * x);
  const oy = Math.round((canvasH - h) * y);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const v = code.data[Math.floor(j / scale) * code.width + Math.floor(i / scale)]!;
      const cx = ox + i;
      const cy = oy + j;
      if (cx >= 0 && cy >= 0 && cx < canvasW && cy < canvasH) data[cy * canvasW + cx] = v;
    }
  return { width: canvasW, height: canvasH, data };
}

/** Rotates about the centre (nearest neighbour), white outside. */
export function rotate(r: Raster, degrees: number): Raster {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = r.width / 2;
  const cy = r.height / 2;
  const data = new Uint8Array(r.data.length).fill(255);
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      if (sx >= 0 && sy >= 0 && sx < r.width && sy < r.height) data[y * r.width + x] = r.data[sy * r.width + sx]!;
    }
  return { ...r, data };
}

/** Deterministic salt-and-pepper noise on a share of pixels. */
export function noise(r: Raster, share: number, seed = 7): Raster {
  let s = seed;
  const next = (): number => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const data = Uint8Array.from(r.data, (v) => (next() < share ? (next() < 0.5 ? 0 : 255) : v));
  return { ...r, data };
}

/** Squeezes the grey range: dark modules become mid-grey on a light grey page. */
export function lowContrast(r: Raster, dark = 110, light = 170): Raster {
  return { ...r, data: Uint8Array.from(r.data, (v) => Math.round(dark + ((light - dark) * v) / 255)) };
}

/** A Y4M video (what Chromium's fake camera plays) showing the raster still, grey only. */
export function toY4m(r: Raster, frames = 10): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${r.width} H${r.height} F10:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((r.width / 2) * (r.height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(r.data), chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}
