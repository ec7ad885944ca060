import { useEffect, useRef } from 'react';
import { ActionButton } from '../components/ActionButton.js';
import { DateField } from '../components/DateField.js';
import { Field } from '../components/Field.js';
import { KeyHint } from '../components/KeyHint.js';
import { usePatient } from '../stores/patient-store.js';
import { useTiersPayant, type TiersPayantDraft } from '../stores/tiers-payant-store.js';

const SHARES: { key: keyof TiersPayantDraft & `ph${string}`; label: string }[] = [
  { key: 'ph7', label: 'Médicaments à 65 % et honoraires (PH7)' },
  { key: 'ph4', label: 'Médicaments à 30 % (PH4)' },
  { key: 'ph2', label: 'Médicaments à 15 % (PH2)' },
  { key: 'ph1', label: 'Médicaments à 100 % (PH1)' },
];

/**
 * F6 « Tiers payant »: the called patient's mutuelle, read from its attestation with the e-reader or
 * typed here field by field; Entrée attaches it, Échap closes without changing anything.
 */
export function TiersPayantDialog() {
  const t = useTiersPayant();
  const called = usePatient((s) => s.called);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (t.open) first.current?.focus();
  }, [t.open]);
  if (!t.open || !called) return null;
  const d = t.draft;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="tiers-payant-title">
        <h1 id="tiers-payant-title">
          Tiers payant de {called.lastName} {called.firstName} <KeyHint k="F6" />
        </h1>
        <p className="muted">Lisez l’attestation de la mutuelle avec le lecteur, ou saisissez-la.</p>
        <form
          className="grid"
          onSubmit={(e) => {
            e.preventDefault();
            void t.save();
          }}
        >
          <Field label="Numéro AMC (8 chiffres)">
            <input
              ref={first}
              inputMode="numeric"
              maxLength={8}
              value={d.amc}
              onChange={(e) => t.edit({ amc: e.target.value.replace(/\D/g, '') })}
            />
          </Field>
          <Field label="Numéro d’adhérent">
            <input inputMode="numeric" maxLength={15} value={d.adh} onChange={(e) => t.edit({ adh: e.target.value.replace(/\D/g, '') })} />
          </Field>
          <Field label="Contrat (2 caractères)">
            <input maxLength={2} value={d.conv} onChange={(e) => t.edit({ conv: e.target.value.toUpperCase() })} />
          </Field>
          <Field label="Code de routage CSR (2 caractères)">
            <input maxLength={2} value={d.csr} onChange={(e) => t.edit({ csr: e.target.value.toUpperCase() })} />
          </Field>
          <DateField label="Droits du" value={d.validFrom} onChange={(validFrom) => t.edit({ validFrom })} />
          <DateField label="Droits au" value={d.validTo} onChange={(validTo) => t.edit({ validTo })} />
          <fieldset className="wide">
            <legend>Part du ticket modérateur prise en charge (%)</legend>
            <div className="grid">
              {SHARES.map((share) => (
                <Field key={share.key} label={share.label}>
                  <input
                    inputMode="numeric"
                    maxLength={3}
                    value={d[share.key]}
                    onChange={(e) => t.edit({ [share.key]: e.target.value.replace(/\D/g, '') })}
                  />
                </Field>
              ))}
            </div>
          </fieldset>
          <div className="actions wide">
            <ActionButton k="Entrée" primary type="submit">
              Enregistrer la mutuelle
            </ActionButton>
            <ActionButton k="Échap" onClick={t.close}>
              Fermer
            </ActionButton>
          </div>
        </form>
        <p className="error" role="alert" data-testid="tiers-payant-error">
          {t.error}
        </p>
      </div>
    </div>
  );
}
