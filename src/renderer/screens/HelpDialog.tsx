import { useEffect, useRef } from 'react';
import { KeyHint } from '../components/KeyHint.js';
import { KEYS } from '../keyboard/keymap.js';
import { useApp } from '../stores/app-store.js';

const MORE = [
  { key: 'F4', label: 'Ordonnance papier : produits lus, cherchés par nom, ou hors référentiel (Alt+L)' },
  { key: 'Alt+P', label: 'Nouveau prescripteur (nom, RPPS, spécialité)' },
  { key: 'Alt+1…9', label: 'Produits : aller à la ligne n' },
  { key: 'Alt+B', label: 'Produits : lire une boîte (scanner en émulation clavier)' },
  { key: 'Alt+A', label: 'Produits : une autre boîte sur la ligne (plusieurs conditionnements)' },
  { key: 'Ctrl+O', label: 'Lire le QR code depuis une image' },
  { key: 'Ctrl+K', label: 'Lire le QR code à la webcam' },
  { key: 'Alt+H', label: 'Historique des délivrances ; Alt+A : annuler la délivrance choisie' },
  { key: 'Alt+O', label: 'Ordonnancier : le registre des médicaments listés, par dates, patient et produit' },
  { key: 'Alt+C', label: 'Configuration (paramètres officine)' },
  { key: 'Alt+R', label: 'Renvoyer maintenant les transmissions en attente' },
];

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
            {[...Object.values(KEYS), ...MORE].map(({ key, label }) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{key}</kbd>
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
