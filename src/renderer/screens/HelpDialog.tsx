import { useEffect, useRef } from 'react';
import { KeyHint } from '../components/KeyHint.js';
import { HELP_KEYS } from '../keyboard/keymap.js';
import { useApp } from '../stores/app-store.js';

/** F1: every key of the workstation, in one list (Échap or F1 closes it). */
export function HelpDialog() {
  const { helpOpen, setHelpOpen } = useApp();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (helpOpen) close.current?.focus();
  }, [helpOpen]);
  if (!helpOpen) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog narrow" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h1 id="help-title">
          Aide — raccourcis clavier <KeyHint k="F1" />
        </h1>
        <table className="lines">
          <tbody>
            {HELP_KEYS.map(({ keys, label }) => (
              <tr key={keys.join(' ')} data-testid="help-key">
                <th scope="row">
                  <kbd>{keys.join(' ')}</kbd>
                </th>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button ref={close} type="button" onClick={() => setHelpOpen(false)} aria-keyshortcuts="Escape">
            Fermer <KeyHint k="Échap" />
          </button>
        </div>
      </div>
    </div>
  );
}
