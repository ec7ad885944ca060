import { useEffect, useRef } from 'react';
import { formatDateTimeFr } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { useCounter } from '../../stores/counter-store.js';

/** After validation: what happened to the transmission, the receipt, the print for the back of the paper. */
export function DoneStep() {
  const { result, printDetail, printTicket, forward } = useCounter();
  const print = useRef<HTMLDivElement>(null);
  useEffect(() => print.current?.querySelector('button')?.focus(), []);
  if (!result) return null;
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title">Délivrance enregistrée</h2>
      <p className={result.transmission === 'SENT' ? 'ok-message' : 'warn-message'} data-testid="transmission">
        {result.message}
      </p>
      {result.receipt ? (
        <p className="muted" data-testid="receipt">
          Accusé de réception du {formatDateTimeFr(result.receipt.receivedAt)} — empreinte {result.receipt.sha256.slice(0, 16)}…
        </p>
      ) : null}
      <div className="actions" ref={print}>
        <ActionButton k="F8" onClick={() => void printDetail()}>
          Imprimer le détail (verso de l’ordonnance)
        </ActionButton>
        <ActionButton k="Alt+T" onClick={() => void printTicket()}>
          Ticket du patient
        </ActionButton>
        <ActionButton k="F9" primary onClick={() => void forward()}>
          {result.scanRequired ? 'Numériser l’ordonnance' : 'Terminer'}
        </ActionButton>
      </div>
    </section>
  );
}
