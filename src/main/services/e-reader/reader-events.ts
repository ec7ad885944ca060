/** What a decoder produces: a complete read, or a dropped one with a stable code and a French sentence. */
export type DecodedRead = { type: 'read'; text: string; aim: string | null };
export type DecodeError = { type: 'error'; code: string; message: string };
export type DecoderOutput = DecodedRead | DecodeError;

export const DECODE_ERRORS = {
  HID_LENGTH_OVER_56: 'Lecture ignorée : longueur de données invalide dans le rapport du lecteur.',
  HID_SHORT_REPORT: 'Lecture ignorée : rapport du lecteur tronqué.',
  HID_READ_INTERRUPTED: 'Lecture ignorée : elle a été interrompue par une autre lecture.',
  HID_READ_TOO_LONG: 'Lecture ignorée : le code lu est anormalement long.',
  HID_NO_AIM: 'Lecture ignorée : rapport du lecteur sans identifiant de symbologie.',
  KEYBOARD_UNKNOWN_KEY: 'Lecture ignorée : touche inconnue reçue du lecteur clavier.',
} as const;
export type DecodeErrorCode = keyof typeof DECODE_ERRORS;

export function decodeError(code: DecodeErrorCode): DecodeError {
  return { type: 'error', code, message: DECODE_ERRORS[code] };
}

/** Bytes of a read → text; bad UTF-8 turns into U+FFFD, which the classifier refuses. */
export function bytesToText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/[\r\n]+$/, '');
}

/** The longest read we reassemble (a QR code holds at most ~3 KiB of bytes). */
export const MAX_READ_BYTES = 8192;
