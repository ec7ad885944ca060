import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import type { DeviationType } from '../../shared/teleservice/schemas.js';
import { reasonsMatching } from '../../shared/rules/usual-reasons.js';
import { KeyHint } from './KeyHint.js';

type Props = {
  label: string;
  type: DeviationType;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  /** A princeps dispensed instead of the prescribed generic: its own usual reasons. */
  towardPrinceps?: boolean;
  /** Entrée once this reason is given (chosen or typed): the control window moves on to the next one. */
  onDone?: () => void;
};

/**
 * A deviation's reason: free text, with the usual reasons of its type offered beneath (a combobox).
 * Entrée takes the highlighted one (the first, unless the arrows moved), so the commonest case is
 * one key; what the pharmacist typed is never replaced unless a suggestion is chosen.
 */
export const ReasonField = forwardRef<HTMLInputElement, Props>(function ReasonField(
  { label, type, value, placeholder, onChange, onDone, towardPrinceps = false },
  ref,
) {
  const id = useId();
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(true);
  const options = open ? reasonsMatching(type, value, towardPrinceps).filter((r) => r !== value) : [];
  const highlighted = Math.min(active, options.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' && options.length === 0 && (value.trim() !== '' || placeholder !== '')) {
      e.preventDefault();
      return onDone?.();
    }
    if (options.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' && highlighted >= 0) {
      e.preventDefault();
      onChange(options[highlighted]!);
      setOpen(false);
      onDone?.();
    }
  };

  return (
    <div className="field reason-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={options.length > 0}
        aria-controls={`${id}-options`}
        aria-activedescendant={options.length > 0 ? `${id}-option-${highlighted}` : undefined}
        value={value}
        placeholder={placeholder}
        maxLength={500}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setOpen(true);
          setActive(0);
          onChange(e.target.value);
        }}
      />
      {options.length > 0 ? (
        <ul id={`${id}-options`} role="listbox" aria-label="Motifs usuels" className="reason-options">
          {options.map((r, i) => (
            <li
              key={r}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === highlighted}
              onMouseDown={(e) => {
                e.preventDefault();
                onChange(r);
                setOpen(false);
              }}
            >
              {i === highlighted ? <KeyHint k="Entrée" /> : null} {r}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
