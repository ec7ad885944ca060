import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as ZXingReader from 'zxing-wasm/reader';
import type * as ZXingWriter from 'zxing-wasm/writer';

/**
 * zxing-wasm under Node, its .wasm read from the installed package (never fetched from a CDN).
 * Each half (reader, writer) is loaded once, on first use, to keep start-up light.
 */
const require = createRequire(import.meta.url);

function wasmBinary(specifier: string): ArrayBuffer {
  const bytes = readFileSync(require.resolve(specifier));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

type ReaderModule = typeof ZXingReader;
type WriterModule = typeof ZXingWriter;

let reader: Promise<ReaderModule> | null = null;
let writer: Promise<WriterModule> | null = null;

export function zxingReader(): Promise<ReaderModule> {
  reader ??= import('zxing-wasm/reader').then(async (m) => {
    await m.prepareZXingModule({ overrides: { wasmBinary: wasmBinary('zxing-wasm/reader/zxing_reader.wasm') }, fireImmediately: true });
    return m;
  });
  return reader;
}

export function zxingWriter(): Promise<WriterModule> {
  writer ??= import('zxing-wasm/writer').then(async (m) => {
    await m.prepareZXingModule({ overrides: { wasmBinary: wasmBinary('zxing-wasm/writer/zxing_writer.wasm') }, fireImmediately: true });
    return m;
  });
  return writer;
}
