import { listboxKeys } from '../keyboard/listbox-keys.js';
import { KeyHint } from './KeyHint.js';
import { DateField } from './DateField.js';
import { usePrescriptionHeader } from '../stores/prescription-header-store.js';

/** « Date de l'ordonnance » and « Prescripteur » of the current dispensing (F3 fills them from the ON). */
export function PrescriptionHeader() {
  const h = usePrescriptionHeader();
  const active = h.results[h.selected];
  return (
    <div className="prescription-header" data-testid="prescription-header">
      <div className="grid">
        <DateField id="prescribed-on" label="Date de l'ordonnance" value={h.prescribedOn} onChange={h.setDate} />
        <div className="field">
          <label htmlFor="prescriber-search">Prescripteur</label>
          <input
            id="prescriber-search"
            role="combobox"
            aria-expanded={h.results.length > 0}
            aria-controls="prescriber-results"
            aria-activedescendant={active ? `prescriber-${active.rpps}` : undefined}
            aria-describedby="prescriber-chosen"
            value={h.query}
            maxLength={100}
            placeholder={h.prescriber ? h.prescriber.name : 'nom ou RPPS'}
            autoComplete="off"
            onChange={(e) => void h.setQuery(e.target.value)}
            onKeyDown={(e) => listboxKeys(e, { count: h.results.length, move: h.move, pick: () => h.pick() })}
          />
        </div>
      </div>
      <p id="prescriber-chosen" data-testid="prescriber-chosen">
        {h.prescriber ? (
          <>
            Prescripteur : <strong>{h.prescriber.name}</strong> (RPPS {h.prescriber.rpps})
            {h.prescriber.specialty ? `, ${h.prescriber.specialty}` : ''} —{' '}
            {h.prescriber.address ?? <span className="muted">adresse du cabinet inconnue</span>} <KeyHint k="Alt+M" /> adresse
          </>
        ) : (
          <span className="muted">
            Aucun prescripteur choisi — <KeyHint k="Alt+P" /> nouveau prescripteur
          </span>
        )}
      </p>
      {h.query.trim() !== '' && h.answeredFor === h.query && h.results.length === 0 && !h.creating ? (
        <p className="warning" role="status" data-testid="prescriber-none">
          Aucun prescripteur « {h.query.trim()} » dans le fichier de l’officine : <KeyHint k="Alt+P" /> le créer (nom, RPPS).
        </p>
      ) : null}
      {h.results.length > 0 ? (
        <ul id="prescriber-results" role="listbox" aria-label="Prescripteurs" className="results">
          {h.results.map((p, i) => (
            <li key={p.rpps} id={`prescriber-${p.rpps}`} role="option" aria-selected={i === h.selected} onMouseDown={() => h.pick(i)}>
              {p.name} — RPPS {p.rpps}
              {p.specialty ? ` — ${p.specialty}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {h.creating ? (
        <form
          className="grid new-prescriber"
          aria-label="Nouveau prescripteur"
          onSubmit={(e) => {
            e.preventDefault();
            void h.create();
          }}
        >
          <div className="field">
            <label htmlFor="prescriber-name">Nom du prescripteur</label>
            <input
              id="prescriber-name"
              autoFocus
              value={h.creating.name}
              maxLength={120}
              onChange={(e) => h.setCreating({ name: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="prescriber-rpps">RPPS (11 chiffres)</label>
            <input
              id="prescriber-rpps"
              inputMode="numeric"
              maxLength={14}
              value={h.creating.rpps}
              onChange={(e) => h.setCreating({ rpps: e.target.value.replace(/[^\d ]/g, '') })}
            />
          </div>
          <div className="field">
            <label htmlFor="prescriber-specialty">Spécialité</label>
            <input
              id="prescriber-specialty"
              maxLength={80}
              value={h.creating.specialty}
              onChange={(e) => h.setCreating({ specialty: e.target.value })}
            />
          </div>
          <div className="field wide">
            <label htmlFor="prescriber-address">Adresse du cabinet</label>
            <input
              id="prescriber-address"
              maxLength={200}
              value={h.creating.address}
              onChange={(e) => h.setCreating({ address: e.target.value })}
            />
          </div>
          <button type="submit">
            Créer le prescripteur <KeyHint k="Entrée" />
          </button>
        </form>
      ) : null}
      {h.addressDraft !== null && h.prescriber ? (
        <form
          className="grid new-prescriber"
          aria-label="Adresse du cabinet"
          onSubmit={(e) => {
            e.preventDefault();
            void h.saveAddress();
          }}
        >
          <div className="field wide">
            <label htmlFor="prescriber-address-edit">Adresse du cabinet de {h.prescriber.name}</label>
            <input
              id="prescriber-address-edit"
              autoFocus
              maxLength={200}
              value={h.addressDraft}
              onChange={(e) => h.setAddressDraft(e.target.value)}
            />
          </div>
          <button type="submit">
            Enregistrer l’adresse <KeyHint k="Entrée" />
          </button>
        </form>
      ) : null}
      <p className="error" role="alert" data-testid="prescription-header-error">
        {h.error ?? (h.dateProblem ? h.dateProblem.message : '')}
      </p>
    </div>
  );
}
