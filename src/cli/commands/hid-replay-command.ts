import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyCode } from '../../shared/codes/classify.js';
import { KEYBOARD_LAYOUTS, type KeyboardLayout } from '../../shared/keyboard/hid-usages.js';
import { parseCapture } from '../../main/services/e-reader/capture-file.js';
import { ReportDecoder } from '../../main/services/e-reader/report-decoder.js';
import type { DecoderOutput } from '../../main/services/e-reader/reader-events.js';
import { UsageError } from '../cli-kit.js';

export const HID_REPLAY_USAGE = 'comptoir hid-replay FICHIER [--layout us|fr]';

/** One JSON line per decoded read (classified) or dropped report, as a live device would give them. */
export function replayCapture(text: string, layout: KeyboardLayout): object[] {
  const decoder = new ReportDecoder(layout);
  const lines: object[] = [];
  const emit = (outputs: DecoderOutput[]): void => {
    for (const o of outputs) lines.push(o.type === 'read' ? classifyCode(o.text, o.aim) : { error: o.code, message: o.message });
  };
  let clock = 0;
  for (const line of parseCapture(text)) {
    if ('error' in line) {
      lines.push({ error: 'CAPTURE_LINE_INVALID', message: line.error });
      continue;
    }
    clock += line.delayMs;
    emit(decoder.push(line.bytes, clock));
  }
  emit(decoder.flush());
  return lines;
}

export async function hidReplayCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { layout: { type: 'string', default: 'us' } },
    allowPositionals: true,
    strict: true,
  });
  const layout = values.layout as KeyboardLayout;
  if (!KEYBOARD_LAYOUTS.includes(layout)) throw new UsageError('--layout attend us ou fr.');
  if (positionals.length !== 1) throw new UsageError('Indiquez un fichier de capture.');
  let text: string;
  try {
    text = readFileSync(positionals[0] ?? '', 'utf8');
  } catch {
    throw new UsageError(`Fichier de capture illisible : ${positionals[0] ?? ''}`);
  }
  for (const line of replayCapture(text, layout)) process.stdout.write(`${JSON.stringify(line)}\n`);
}
