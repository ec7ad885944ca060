import { useEffect, useRef } from 'react';
import { formatDateTimeFr, formatEuros } from '../../shared/format/fr.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';
import type { HistoryEntryView } from '../../shared/contract/counter-schemas.js';
import { ActionButton } from '../components/ActionButton.js';
import { KeyHint } from '../components/KeyHint.js';
import { listboxKeys } from '../keyboard/listbox-keys.js';
import { useApp } from '../stores/app-store.js';
import { useHistory } from '../stores/history-store.js';

const TRANSMISSION = { PENDING: 'en attente', SENT: 'transmise', REFUSED: 'à régulariser' } as const;
const CANCELLATION = {
  PENDING: 'annulation en attente',
  SENT: 'annulation transmise',
  LOCAL: 'annulée avant transmission',
  REFUSED: 'annulation à régulariser',
} as const;

function status(e: HistoryEntryView): string {
  const avoir = e.creditNoteNumber ? `avoir n° ${e.creditNoteNumber}` : null;
  if (e.cancelledAt)
    return `Annulée (${[avoir, e.cancellation ? CANCELLATION[e.cancellation] : null].filter(Boolean).join(', ')}) : ${e.cancelReason ?? ''}`;
  return e.transmission ? `Exécution ${TRANSMISSION[e.transmission]}` : e.circuit === 'PAPER' ? 'Ordonnance papier enregistrée' : '—';
}

/** Alt+H « Historique »: the dispensings, today first; « Annuler la délivrance » asks the reason. */
export function HistoryDialog() {
  const h = useHistory();
  const search = useRef<HTMLInputElement>(null);
  const reason = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (h.open && h.cancelReason === null) search.current?.focus();
    if (h.open && h.cancelReason !== null) reason.current?.focus();
  }, [h.open, h.cancelReason === null]);
  const hasArchive = useApp((a) => a.status?.archive === true);
  if (!h.open) return null;
  const active = h.entries[h.selected];
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="history-title">
        <h1 id="history-title">
          Historique{h.archive ? ' — archive du poste (son fichier, avant le serveur de l’officine)' : ''} <KeyHint k="Alt+H" />
        </h1>
        <label htmlFor="history-search">Rechercher (patient, NIR ou numéro d’ordonnance)</label>
        <input
          id="history-search"
          ref={search}
          role="combobox"
          aria-expanded={h.entries.length > 0}
          aria-controls="history-list"
          aria-activedescendant={active ? `history-${active.id}` : undefined}
          value={h.query}
          maxLength={100}
          onChange={(e) => void h.setQuery(e.target.value)}
          onKeyDown={(e) => listboxKeys(e, { count: 0, move: h.move, pick: () => undefined })}
        />
        <ul id="history-list" role="listbox" aria-label="Délivrances" className="history-list">
          {h.entries.map((e, i) => (
            <li
              key={e.id}
              id={`history-${e.id}`}
              role="option"
              aria-selected={i === h.selected}
              data-testid="history-entry"
              className={e.cancelledAt ? 'cancelled' : undefined}
            >
              <strong>{formatDateTimeFr(e.createdAt)}</strong> — {e.patientName ?? 'patient de l’ordonnance'} —{' '}
              {e.prescriptionId
                ? `ordonnance ${formatPrescriptionId(e.prescriptionId)}, renouvellement ${e.renewalNumber}`
                : 'ordonnance papier'}
              {e.invoiceNumber ? <span data-testid="history-invoice"> — facture n° {e.invoiceNumber}</span> : null}
              <span data-testid="history-amounts">
                {' '}
                — Total {formatEuros(e.amounts.totalCents)}, AMO {formatEuros(e.amounts.amoCents)}, AMC {formatEuros(e.amounts.amcCents)},
                reste à charge {formatEuros(e.amounts.resteCents)}
              </span>
              <br />
              <span className="muted">{e.products}</span> — <span data-testid="history-status">{status(e)}</span>
            </li>
          ))}
        </ul>
        {h.entries.length === 0 ? <p className="muted">Aucune délivrance.</p> : null}
        {h.cancelReason !== null && active ? (
          <form
            className="hard-stop"
            onSubmit={(e) => {
              e.preventDefault();
              void h.confirmCancel();
            }}
          >
            <label htmlFor="cancel-reason">Motif de l’annulation (erreur de saisie, retour du patient…)</label>
            <input
              id="cancel-reason"
              ref={reason}
              value={h.cancelReason}
              maxLength={300}
              onChange={(e) => h.setCancelReason(e.target.value)}
            />
            <ActionButton k="Entrée" type="submit" primary>
              Confirmer l’annulation
            </ActionButton>
          </form>
        ) : null}
        <p className="error" role="status" data-testid="history-message">
          {h.message}
        </p>
        <div className="actions">
          {h.archive ? null : (
            <>
              <ActionButton k="F8" onClick={() => void h.print()}>
                Réimprimer le détail
              </ActionButton>
              <ActionButton k="Alt+A" onClick={h.startCancel}>
                Annuler la délivrance
              </ActionButton>
            </>
          )}
          {hasArchive ? (
            <ActionButton k="Alt+I" onClick={h.toggleArchive}>
              {h.archive ? 'Délivrances de l’officine' : 'Archive du poste'}
            </ActionButton>
          ) : null}
          <ActionButton k="Échap" onClick={h.close}>
            Fermer
          </ActionButton>
        </div>
      </div>
    </div>
  );
}
