import type { ReactNode } from 'react';
import { KeyHint } from './KeyHint.js';

/** A button that shows its key, and says it to assistive technology (aria-keyshortcuts). */
export function ActionButton({
  k,
  onClick,
  children,
  primary = false,
  disabled = false,
  type = 'button',
}: {
  k: string;
  onClick?: () => void;
  children: ReactNode;
  primary?: boolean;
  disabled?: boolean;
  type?: 'button' | 'submit';
}) {
  return (
    <button
      type={type}
      className={primary ? 'primary' : undefined}
      onClick={onClick}
      disabled={disabled}
      aria-keyshortcuts={k.replace('Échap', 'Escape').replace('Entrée', 'Enter')}
    >
      {children} <KeyHint k={k} />
    </button>
  );
}
