// The scan's conversion (image → SCOR PDF), in its own thread with its own memory limits (#28.1):
// a slow or huge image holds up this worker, never the counter's calls, senders and heartbeats.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result.js';
import { scannedOrdonnancePdf } from './scanned-ordonnance-pdf.js';

type Job = { bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' };

parentPort?.on('message', (job: Job) => {
  scannedOrdonnancePdf(job.bytes, job.mime).then(
    (scan) => parentPort?.postMessage({ ok: true, scan }),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        code: error instanceof AppError ? error.code : 'IMAGE_INVALID',
        message: error instanceof AppError ? error.message : 'Image illisible : choisissez le fichier JPEG ou PNG du scanner.',
      }),
  );
});
