import { useId, useLayoutEffect, useRef, useState } from 'react';
import { formatDateFr, maskDateFr, parseDateFr } from '../../shared/format/fr.js';

type Props = { label: string; value: string; onChange: (isoDate: string) => void; disabled?: boolean; autoFocus?: boolean; id?: string };

/**
 * A date read and typed as jj/mm/aaaa on every host (a native date input follows the browser's
 * language: mm/dd/yyyy in an English one). The value is an ISO date, or '' while the text is not a
 * date — the text itself stays as typed, and the field says it is not a date.
 */
export function DateField({ label, value, onChange, disabled = false, autoFocus = false, id: givenId }: Props) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [text, setText] = useState(value ? formatDateFr(value) : '');
  // What this field last said its value was: anything else comes from elsewhere (a pack's
  // DataMatrix gives its expiry, F3 the prescription's date, a new dispensing clears it).
  const emitted = useRef(value);
  // Before paint: a key typed right after the value changed lands on the new text, never the old.
  useLayoutEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value ? formatDateFr(value) : '');
    }
  }, [value]);
  const invalid = text.length >= 8 && parseDateFr(text) === null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="date"
        inputMode="numeric"
        placeholder="jj/mm/aaaa"
        maxLength={10}
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        value={text}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => {
          const masked = maskDateFr(e.target.value);
          setText(masked);
          emitted.current = parseDateFr(masked) ?? '';
          onChange(emitted.current);
        }}
      />
      {invalid ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          Date invalide (jj/mm/aaaa)
        </span>
      ) : null}
    </div>
  );
}
