import { useEffect } from 'react';
import { formatDateTimeFr } from '../../shared/format/fr.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';
import { ActionButton } from '../components/ActionButton.js';
import { requireApi } from '../stores/app-store.js';
import { useCounter } from '../stores/counter-store.js';
import { useOutbox } from '../stores/outbox-store.js';

const SCOR_STATES = {
  TO_SCAN: 'À numériser',
  PENDING: 'Numérisation en attente d’envoi',
  SENT: 'Numérisation transmise',
  REFUSED: 'Numérisation à refaire',
} as const;
const percent = (x: number): string => `${Math.round(x * 100)} %`;
/** « 42 % (21 sur 50) »: the share, and what it is made of. */
const indicatorText = (m: { share: number; viaOrdonnanceNumerique: number; prescriptions: number }): string =>
  `${percent(m.share)} (${m.viaOrdonnanceNumerique} sur ${m.prescriptions})`;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « À régulariser » (refused or waiting transmissions) and the 35 % indicator. */
export function SidePanels() {
  const { items, counts, documents, indicator, refresh } = useOutbox();
  useEffect(() => {
    void refresh();
    return requireApi().on('outbox.changed', () => void refresh());
  }, [refresh]);
  const current = indicator.at(-1);
  return (
    <aside className="side">
      <section className="panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">Transmissions</h2>
        <p data-testid="outbox-counts">
          {counts.PENDING} en attente d’envoi — {counts.REFUSED} à régulariser — {counts.SENT} transmise{counts.SENT > 1 ? 's' : ''}
        </p>
        {counts.PENDING > 0 ? (
          <div className="actions">
            <ActionButton
              k="Alt+R"
              onClick={() =>
                void requireApi()
                  .call('outbox.retryNow', {})
                  .then(() => refresh())
              }
            >
              Renvoyer maintenant
            </ActionButton>
          </div>
        ) : null}
        <ul className="outbox" aria-label="À régulariser et en attente">
          {items.map((i) => (
            <li key={i.executionId} className={i.state === 'REFUSED' ? 'refused' : 'pending'} data-testid={`outbox-${i.state}`}>
              <strong>{i.state === 'REFUSED' ? 'À régulariser' : 'En attente'}</strong> — {formatPrescriptionId(i.prescriptionId)} —{' '}
              {formatDateTimeFr(i.createdAt)}
              {i.lastErrorMessage ? <div className="muted">{i.lastErrorMessage}</div> : null}
            </li>
          ))}
        </ul>
        {documents.length > 0 ? (
          <ul className="outbox" aria-label="Numérisations (SCOR)">
            {documents.map((d) => (
              <li key={d.dispensingId} className={d.state === 'PENDING' ? 'pending' : 'refused'} data-testid={`scor-${d.state}`}>
                <strong>{SCOR_STATES[d.state]}</strong> — {d.prescriptionId ? formatPrescriptionId(d.prescriptionId) : 'ordonnance papier'}{' '}
                — {formatDateTimeFr(d.createdAt)}
                {d.lastErrorMessage ? <div className="muted">{d.lastErrorMessage}</div> : null}
                {d.state === 'TO_SCAN' || d.state === 'REFUSED' ? (
                  <button type="button" onClick={() => useCounter.getState().openScan(d.dispensingId)}>
                    Numériser
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="indicator-title">
        <h2 id="indicator-title">Ordonnance Numérique : part du mois</h2>
        {current && current.prescriptions > 0 ? (
          <p data-testid="indicator">
            <strong>{indicatorText(current)}</strong> des ordonnances de {MONTHS[Number(current.month.slice(5)) - 1]} — seuil 35 %{' '}
            {current.meetsThreshold ? 'atteint' : 'non atteint'}
            {current.trend !== null ? ` (${current.trend >= 0 ? '+' : ''}${Math.round(current.trend * 100)} points)` : ''}
          </p>
        ) : (
          <p className="muted" data-testid="indicator">
            Aucune délivrance ce mois-ci.
          </p>
        )}
        <ol className="trend" aria-label="Tendance sur six mois" data-testid="indicator-trend">
          {indicator.map((m) => (
            <li key={m.month} className={m.meetsThreshold ? 'ok' : 'warn'}>
              <span>{MONTHS[Number(m.month.slice(5)) - 1]}</span> {m.prescriptions > 0 ? indicatorText(m) : '—'}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
