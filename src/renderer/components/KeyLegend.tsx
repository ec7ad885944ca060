import { KEYS } from '../keyboard/keymap.js';
import { KeyHint } from './KeyHint.js';

/** The legend of the counter's keys, always visible at the bottom of Facturation. */
export function KeyLegend() {
  return (
    <nav className="key-legend" aria-label="Raccourcis clavier">
      <ul>
        {Object.values(KEYS).map(({ key, label }) => (
          <li key={key}>
            <KeyHint k={key} /> <span>{label}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
