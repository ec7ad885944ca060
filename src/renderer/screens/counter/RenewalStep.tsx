import { useEffect, useRef } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { useCounter } from '../../stores/counter-store.js';

/** « Numéro de renouvellement »: proposed at the next unconsumed one; lines that cannot follow say so. */
export function RenewalStep() {
  const { retrieved, renewal, setRenewal, forward, stepBack } = useCounter();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.select(), []);
  const p = retrieved?.prescription;
  if (!p) return null;
  const r = Number.parseInt(renewal, 10);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void forward();
      }}
    >
      <label htmlFor="renewal">Numéro de renouvellement</label>
      <input
        id="renewal"
        ref={field}
        inputMode="numeric"
        className="short"
        value={renewal}
        onChange={(e) => setRenewal(e.target.value)}
        aria-describedby="renewal-help"
      />
      <p id="renewal-help" className="help">
        0 pour la première délivrance ; le numéro proposé est le prochain non délivré.
      </p>
      <table className="lines">
        <caption className="visually-hidden">Renouvellements par ligne</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Produit</th>
            <th scope="col">Renouvellements</th>
            <th scope="col">Pour ce numéro</th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((l, i) => {
            const served =
              l.dispensings.some((d) => d.renewalNumber === r && d.status === 'DISPENSED') ||
              l.dispensings.filter((d) => d.renewalNumber === r).reduce((s, d) => s + d.packs, 0) >= l.quantity;
            const state = Number.isNaN(r) ? '—' : r > l.repeats ? 'Non renouvelable' : served ? 'Déjà délivrée' : 'À délivrer';
            return (
              <tr key={l.lineId} data-testid="renewal-line">
                <td>{i + 1}</td>
                <td>{l.product.label}</td>
                <td>{l.repeats}</td>
                <td className={state === 'À délivrer' ? '' : 'muted'}>{state}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <ActionButton k="F9" primary type="submit">
          Valider le numéro
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Retour
        </ActionButton>
      </div>
    </form>
  );
}
