import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result.js';
import { refuseOversizedImage } from './image-dimensions.js';
import type { ScannedPdf } from './scanned-ordonnance-pdf.js';

/** A scan's conversion gets this much heap, and this long: past either, it is refused, the counter untouched. */
export const SCAN_WORKER_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 };
export const SCAN_CONVERSION_TIMEOUT_MS = 60_000;

/**
 * Where the worker's code is: beside the bundle (`dist/scan-worker.mjs`, from the CLI's or the
 * Electron main's bundle), or its source when running from `src/` (tests, through tsx).
 */
function workerEntry(): { url: URL; eval?: string } {
  for (const candidate of ['./scan-worker.mjs', '../scan-worker.mjs']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    // The installed app: the script unpacked beside the archive (electron-builder.yml, asarUnpack).
    const unpacked = path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
    if (unpacked !== path && existsSync(unpacked)) return { url: pathToFileURL(unpacked) };
    if (existsSync(path)) return { url: pathToFileURL(path) };
  }
  // From the sources (tests): the worker registers tsx's loader itself, then loads its TypeScript.
  const url = new URL('./scan-worker.ts', import.meta.url);
  return { url, eval: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });` };
}

/**
 * The scanned ordonnance's PDF made off the main thread (#28.1): the image's header is read here
 * first (an image bomb is refused before any decoding), then the worker decodes and lays it out under
 * its memory limit; a worker that dies or overruns says so in French (`SCAN_CONVERSION_FAILED`).
 */
export function convertScanOffThread(
  bytes: Uint8Array,
  mime: 'image/jpeg' | 'image/png',
  timeoutMs = SCAN_CONVERSION_TIMEOUT_MS,
): Promise<ScannedPdf> {
  refuseOversizedImage(bytes, mime);
  const entry = workerEntry();
  const worker = entry.eval
    ? new Worker(entry.eval, { eval: true, resourceLimits: SCAN_WORKER_LIMITS })
    : new Worker(entry.url, { resourceLimits: SCAN_WORKER_LIMITS });
  return new Promise<ScannedPdf>((resolve, reject) => {
    const failed = (message: string): void => reject(new AppError('SCAN_CONVERSION_FAILED', message));
    const timer = setTimeout(() => {
      failed('La conversion de la numérisation a pris trop de temps : réessayez avec l’image du scanner (JPEG ou PNG, 200 à 300 ppp).');
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (answer: { ok: true; scan: ScannedPdf } | { ok: false; code: string; message: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (answer.ok) resolve({ ...answer.scan, pdf: new Uint8Array(answer.scan.pdf) });
      else reject(new AppError(answer.code, answer.message));
    });
    worker.once('error', () => {
      clearTimeout(timer);
      failed(
        'Numérisation impossible à convertir (image trop lourde pour la mémoire permise) : réessayez avec l’image du scanner à 200–300 ppp.',
      );
    });
    worker.postMessage({ bytes, mime });
  });
}
