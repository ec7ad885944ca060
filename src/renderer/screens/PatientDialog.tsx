import { useEffect, useRef } from 'react';
import { formatDateFr } from '../../shared/format/fr.js';
import { formatNir } from '../../shared/ids/nir.js';
import { ActionButton } from '../components/ActionButton.js';
import { DateField } from '../components/DateField.js';
import { Field } from '../components/Field.js';
import { OrganismeFields } from '../components/OrganismeFields.js';
import { KeyHint } from '../components/KeyHint.js';
import { usePatient } from '../stores/patient-store.js';

/** F2 « Appel du patient »: search as you type (↑/↓, Entrée), Carte Vitale, creation on the spot. */
export function PatientDialog() {
  const s = usePatient();
  const search = useRef<HTMLInputElement>(null);
  const lastName = useRef<HTMLInputElement>(null);
  const address = useRef<HTMLInputElement>(null);
  const organisme = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The last search's text, if any, is selected: typing starts a new one.
    if (s.open && s.mode === 'search') {
      search.current?.focus();
      search.current?.select();
    }
    if (s.open && s.mode === 'create') lastName.current?.focus();
    if (s.open && s.mode === 'address') address.current?.focus();
    if (s.open && s.mode === 'organisme') organisme.current?.focus();
  }, [s.open, s.mode]);
  if (!s.open) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog narrow" role="dialog" aria-modal="true" aria-labelledby="patient-title">
        <h1 id="patient-title">
          Appel du patient <KeyHint k="F2" />
        </h1>
        {s.mode === 'search' ? (
          <>
            <label htmlFor="patient-search">Rechercher (nom, date de naissance jj/mm/aaaa ou NIR)</label>
            <input
              id="patient-search"
              data-wedge="scan"
              ref={search}
              role="combobox"
              aria-expanded={s.results.length > 0}
              aria-controls="patient-results"
              aria-activedescendant={s.results[s.selected] ? `patient-${s.results[s.selected]!.id}` : undefined}
              value={s.query}
              maxLength={100}
              onChange={(e) => void s.setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  s.move(e.key === 'ArrowDown' ? 1 : -1);
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  s.pick();
                } else if (e.altKey && e.key.toLowerCase() === 'v') {
                  e.preventDefault();
                  void s.readVitale();
                } else if (e.altKey && e.key.toLowerCase() === 'n') {
                  e.preventDefault();
                  s.startCreate();
                } else if (e.altKey && e.code === 'KeyM') {
                  e.preventDefault();
                  s.startAddress();
                } else if (e.altKey && e.code === 'KeyG') {
                  e.preventDefault();
                  s.startOrganisme();
                }
              }}
            />
            <ul id="patient-results" role="listbox" className="results" aria-label="Patients trouvés">
              {s.results.map((p, i) => (
                <li
                  key={p.id}
                  id={`patient-${p.id}`}
                  role="option"
                  aria-selected={i === s.selected}
                  className={i === s.selected ? 'selected' : ''}
                  onClick={() => s.pick(i)}
                >
                  <strong>{p.lastName}</strong> {p.firstName} — {formatDateFr(p.birthDate)} {p.nir ? `— ${formatNir(p.nir)}` : ''}
                  {p.address ? <span className="muted"> — {p.address}</span> : null}
                </li>
              ))}
            </ul>
            {s.query.trim() && s.results.length === 0 ? <p className="muted">Aucun patient trouvé.</p> : null}
            <div className="actions">
              <ActionButton k="Alt+V" onClick={() => void s.readVitale()}>
                Lire la carte Vitale
              </ActionButton>
              <ActionButton k="Alt+N" onClick={s.startCreate}>
                Créer le patient
              </ActionButton>
              <ActionButton k="Alt+M" onClick={s.startAddress}>
                Adresse du patient
              </ActionButton>
              <ActionButton k="Alt+G" onClick={s.startOrganisme}>
                Organisme du patient
              </ActionButton>
              <ActionButton k="Échap" onClick={s.close}>
                Fermer
              </ActionButton>
            </div>
          </>
        ) : s.mode === 'organisme' && s.addressFor ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.saveOrganisme();
            }}
            className="grid"
            aria-label={`Organisme de ${s.addressFor.lastName} ${s.addressFor.firstName}`}
          >
            <p className="wide">
              Organisme de {s.addressFor.lastName} {s.addressFor.firstName} (attestation de droits ou carte Vitale) : où partent ses FSE.
            </p>
            <OrganismeFields value={s.organismeDraft} onChange={s.setOrganismeDraft} firstRef={organisme} />
            <div className="actions wide">
              <ActionButton k="Entrée" primary type="submit">
                Enregistrer l’organisme
              </ActionButton>
              <ActionButton k="Échap" onClick={s.close}>
                Retour à la recherche
              </ActionButton>
            </div>
          </form>
        ) : s.mode === 'address' && s.addressFor ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.saveAddress();
            }}
            className="grid"
          >
            <Field label={`Adresse de ${s.addressFor.lastName} ${s.addressFor.firstName}`} className="wide">
              <input
                ref={address}
                value={s.addressDraft}
                maxLength={200}
                placeholder="n° et rue, code postal, ville"
                onChange={(e) => s.setAddressDraft(e.target.value)}
              />
            </Field>
            <div className="actions wide">
              <ActionButton k="Entrée" primary type="submit">
                Enregistrer l’adresse
              </ActionButton>
              <ActionButton k="Échap" onClick={s.close}>
                Retour à la recherche
              </ActionButton>
            </div>
          </form>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.create();
            }}
            className="grid"
          >
            <Field label="Nom">
              <input ref={lastName} value={s.draft.lastName} maxLength={100} onChange={(e) => s.setDraft({ lastName: e.target.value })} />
            </Field>
            <Field label="Prénom">
              <input value={s.draft.firstName} maxLength={100} onChange={(e) => s.setDraft({ firstName: e.target.value })} />
            </Field>
            <DateField label="Date de naissance" value={s.draft.birthDate} onChange={(birthDate) => s.setDraft({ birthDate })} />
            <Field label="Sexe">
              <select value={s.draft.sex} onChange={(e) => s.setDraft({ sex: e.target.value as 'F' | 'M' | '' })}>
                <option value="">—</option>
                <option value="F">F</option>
                <option value="M">M</option>
              </select>
            </Field>
            {s.called ? (
              <div className="field wide">
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={s.draft.beneficiaryOfCalled}
                    onChange={(e) => s.setDraft({ beneficiaryOfCalled: e.target.checked })}
                  />{' '}
                  Ayant droit de {s.called.lastName} {s.called.firstName}
                </label>
                {s.draft.beneficiaryOfCalled ? (
                  <select
                    aria-label="Lien avec l’assuré"
                    value={s.draft.relationship}
                    onChange={(e) => s.setDraft({ relationship: e.target.value as 'conjoint' | 'enfant' | 'autre' })}
                  >
                    <option value="enfant">enfant</option>
                    <option value="conjoint">conjoint</option>
                    <option value="autre">autre</option>
                  </select>
                ) : null}
              </div>
            ) : null}
            <Field label="NIR (facultatif)" className="wide">
              <input value={s.draft.nir} maxLength={21} onChange={(e) => s.setDraft({ nir: e.target.value })} />
            </Field>
            <OrganismeFields value={s.draft} onChange={s.setDraft} />
            <Field label="Adresse" className="wide">
              <input
                value={s.draft.address}
                maxLength={200}
                placeholder="n° et rue, code postal, ville"
                onChange={(e) => s.setDraft({ address: e.target.value })}
              />
            </Field>
            <div className="actions wide">
              <ActionButton k="Entrée" primary type="submit">
                Enregistrer et appeler
              </ActionButton>
              <ActionButton k="Échap" onClick={s.close}>
                Annuler
              </ActionButton>
            </div>
          </form>
        )}
        <p className="error" role="status" data-testid="patient-error">
          {s.error}
        </p>
      </div>
    </div>
  );
}
