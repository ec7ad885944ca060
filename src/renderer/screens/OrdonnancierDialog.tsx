import { useEffect, useRef, useState } from 'react';
import type { CallInput, CallOutput } from '../../shared/contract/ipc-contract.js';
import { requireApi, useApp } from '../stores/app-store.js';
import { formatDateFr, formatDateTimeFr } from '../../shared/format/fr.js';
import { ActionButton } from '../components/ActionButton.js';
import { DateField } from '../components/DateField.js';
import { Field } from '../components/Field.js';
import { KeyHint } from '../components/KeyHint.js';
import { useOrdonnancier } from '../stores/ordonnancier-store.js';

type Entry = CallOutput<'ordonnancier.list'>[number];
const LISTS = { I: 'liste I', II: 'liste II', STUPEFIANT: 'stupéfiant' } as const;

type Filter = CallInput<'ordonnancier.list'>;

/** Alt+O « Ordonnancier »: the register of listed medicines, by date range, patient and product. */
export function OrdonnancierDialog() {
  const { open, setOpen, filter, setFilter: patch, print, toggleArchive } = useOrdonnancier();
  const hasArchive = useApp((a) => a.status?.archive === true);
  const setFilter = (f: (current: Filter) => Filter): void => patch(f(filter));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    first.current?.querySelector('input')?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    void requireApi()
      .call('ordonnancier.list', filter)
      .then((r) => (r.ok ? (setEntries(r.value), setError(null)) : setError(r.error.message)));
  }, [open, filter]);
  if (!open) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="ordonnancier-title">
        <h1 id="ordonnancier-title">
          Ordonnancier{filter.archive ? ' — archive du poste (son fichier, avant le serveur de l’officine)' : ''} <KeyHint k="Alt+O" />
        </h1>
        <div className="grid" ref={first}>
          <DateField label="Du" value={filter.from ?? ''} onChange={(from) => setFilter((f) => ({ ...f, from: from || null }))} />
          <DateField label="Au" value={filter.to ?? ''} onChange={(to) => setFilter((f) => ({ ...f, to: to || null }))} />
          <Field label="Patient">
            <input value={filter.patient} maxLength={100} onChange={(e) => setFilter((f) => ({ ...f, patient: e.target.value }))} />
          </Field>
          <Field label="Produit">
            <input value={filter.product} maxLength={100} onChange={(e) => setFilter((f) => ({ ...f, product: e.target.value }))} />
          </Field>
        </div>
        <table className="lines summary" data-testid="ordonnancier">
          <caption className="visually-hidden">Enregistrements de l’ordonnancier</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Date</th>
              <th scope="col">Prescripteur</th>
              <th scope="col">Patient</th>
              <th scope="col">Produit</th>
              <th scope="col">Quantité</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.number} data-testid="ordonnancier-entry">
                <td>{e.number}</td>
                <td>{formatDateTimeFr(e.recordedAt)}</td>
                <td>
                  {e.prescriber ?? '—'}
                  {e.prescribedOn ? `, ordonnance du ${formatDateFr(e.prescribedOn)}` : ''}
                  {e.prescriberAddress ? <div className="muted">{e.prescriberAddress}</div> : null}
                </td>
                <td>
                  {e.patient ?? '—'}
                  {e.collector ? ` (retiré par ${e.collector})` : ''}
                  <div className="muted">{e.patientAddress ?? 'adresse inconnue'}</div>
                </td>
                <td>
                  {e.kind === 'CANCELLATION'
                    ? `Annulation de l’enregistrement n° ${e.refersTo} — `
                    : e.kind === 'CORRECTION'
                      ? `Complément de l’enregistrement n° ${e.refersTo} — `
                      : ''}
                  {e.product} ({LISTS[e.list]})
                </td>
                <td>{e.kind === 'CORRECTION' ? '—' : e.packs}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="muted">Aucun enregistrement.</p> : null}
        <p className="error" role="status">
          {error}
        </p>
        <div className="actions">
          <ActionButton k="F8" onClick={() => void print()}>
            Imprimer
          </ActionButton>
          {hasArchive ? (
            <ActionButton k="Alt+I" onClick={toggleArchive}>
              {filter.archive ? 'Ordonnancier de l’officine' : 'Archive du poste'}
            </ActionButton>
          ) : null}
          <ActionButton k="Échap" onClick={() => setOpen(false)}>
            Fermer
          </ActionButton>
        </div>
      </div>
    </div>
  );
}
