import { readFile } from 'node:fs/promises';
import { decodeImage } from '../../main/services/codes/image-decoder.js';
import { UsageError } from '../cli-kit.js';

export const DECODE_USAGE = 'comptoir decode IMAGE…';

/** `comptoir decode`: one JSON line per code found in each PNG/JPEG, `{"error"}` when none is. */
export async function decodeCommand(args: string[]): Promise<void> {
  if (args.length === 0) throw new UsageError('Indiquez au moins une image (PNG ou JPEG).');
  for (const file of args) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      process.stdout.write(`${JSON.stringify({ file, error: 'FILE_UNREADABLE', message: `Fichier illisible : ${file}` })}\n`);
      continue;
    }
    const result = await decodeImage(bytes);
    const lines = 'codes' in result ? result.codes.map((code) => ({ ...code, file })) : [{ file, ...result }];
    for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
