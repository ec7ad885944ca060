/** Longest excerpt of a read shown to the user. */
const MAX_SHOWN = 120;

/**
 * A read made safe to show as plain text: control and bidi characters become visible symbols,
 * long reads are cut. React escapes markup; this keeps invisible characters from hiding anything.
 */
export function displayText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\u001d' ? '⟨GS⟩' : '�',
  );
  return visible.length > MAX_SHOWN ? `${visible.slice(0, MAX_SHOWN)}…` : visible;
}
