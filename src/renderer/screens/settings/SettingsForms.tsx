import { Field } from '../../components/Field.js';
import { KeyHint } from '../../components/KeyHint.js';
import { useSettings } from '../../stores/settings-store.js';

const IDENTITY_SOURCES = {
  settings: 'Identité enregistrée dans ces paramètres.',
  teleservice: 'Identité fournie par le téléservice : l’enregistrer ici la fixe pour ce poste.',
} as const;

/** Identité de l’officine: the identity in force (FINESS, name, pharmacist RPPS, checked in main) and where it comes from. */
export function IdentityForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { draft, edit, view } = useSettings();
  const fixed = view?.teleservice.mode === 'environment';
  const source = view?.pharmacySource ?? null;
  return (
    <div className="grid">
      <p className="wide" data-testid="identity-source">
        {fixed
          ? 'Identité fournie par le téléservice fixé au lancement de ce poste : elle ne se modifie pas ici.'
          : source
            ? IDENTITY_SOURCES[source]
            : 'Aucune identité : renseignez-la.'}
      </p>
      <Field label="FINESS (9 chiffres)">
        <input
          autoFocus={autoFocus}
          readOnly={fixed}
          inputMode="numeric"
          maxLength={9}
          value={draft.finess}
          onChange={(e) => edit({ finess: e.target.value.replace(/\D/g, '') })}
        />
      </Field>
      <Field label="Nom de l’officine">
        <input readOnly={fixed} maxLength={120} value={draft.name} onChange={(e) => edit({ name: e.target.value })} />
      </Field>
      <Field label="RPPS du pharmacien (11 chiffres)">
        <input
          readOnly={fixed}
          inputMode="numeric"
          maxLength={11}
          value={draft.pharmacistRpps}
          onChange={(e) => edit({ pharmacistRpps: e.target.value.replace(/\D/g, '') })}
        />
      </Field>
      <Field label="Adresse de l’officine" className="wide">
        <input
          maxLength={200}
          value={draft.address}
          placeholder="n° et rue, code postal, ville"
          onChange={(e) => edit({ address: e.target.value })}
        />
      </Field>
      <p className="wide" data-testid="workstation-name">
        Poste : {view?.workstation ?? '…'} (le nom de ce poste dans le journal et pour les autres postes de l’officine ; il peut être fixé
        au lancement du poste)
      </p>
    </div>
  );
}

/** Téléservice: the embedded demonstration server, or an address and its credentials. */
export function TeleserviceForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { draft, edit, view } = useSettings();
  if (view?.teleservice.mode === 'environment')
    return <p>Téléservice fixé au lancement de ce poste (il ne se change pas ici) : {view.teleservice.url}</p>;
  return (
    <fieldset className="choices">
      <legend>Téléservice</legend>
      {view?.sharedDatabase ? null : (
        <label className="inline">
          <input
            type="radio"
            name="teleservice"
            autoFocus={autoFocus}
            checked={draft.teleserviceMode === 'embedded'}
            onChange={() => edit({ teleserviceMode: 'embedded' })}
          />{' '}
          Serveur de démonstration intégré
        </label>
      )}
      <label className="inline">
        <input
          type="radio"
          name="teleservice"
          autoFocus={autoFocus && view?.sharedDatabase === true}
          checked={draft.teleserviceMode === 'remote'}
          onChange={() => edit({ teleserviceMode: 'remote' })}
        />{' '}
        Téléservice de l’Assurance Maladie
      </label>
      {draft.teleserviceMode === 'remote' ? (
        <div className="grid">
          <Field label="Adresse">
            <input type="url" maxLength={300} value={draft.url} onChange={(e) => edit({ url: e.target.value })} />
          </Field>
          <Field label={view?.teleservice.hasCredentials ? 'Jeton (laisser vide pour garder l’actuel)' : 'Jeton'}>
            <input
              type="password"
              autoComplete="off"
              maxLength={400}
              value={draft.token}
              onChange={(e) => edit({ token: e.target.value })}
            />
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}

/** What each phase changes at the counter, in one sentence (shown under the choice). */
export const PHASE_EFFECT = {
  '1': 'En phase 1, chaque Ordonnance Numérique délivrée est aussi numérisée pour SCOR (fenêtre « Numérisation de l’ordonnance »).',
  '2': 'En phase 2, l’Ordonnance Numérique n’est plus numérisée : la transmission de l’exécution vaut preuve (l’ordonnance papier, elle, l’est toujours).',
} as const;

/**
 * Réglementation: the transmission phase (1: paper still scanned for SCOR; 2: the transmission is
 * the proof). The keys 1 and 2 choose it (Configuration handles them), the sentence says what it changes.
 */
export function RegulationForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { draft, edit } = useSettings();
  return (
    <fieldset className="choices">
      <legend>Mode de transmission de l’Ordonnance Numérique</legend>
      <label className="inline">
        <input
          type="radio"
          name="phase"
          autoFocus={autoFocus && draft.phase === '1'}
          checked={draft.phase === '1'}
          onChange={() => edit({ phase: '1' })}
        />{' '}
        Phase 1 : l’ordonnance papier est encore numérisée pour SCOR <KeyHint k="1" />
      </label>
      <label className="inline">
        <input
          type="radio"
          name="phase"
          autoFocus={autoFocus && draft.phase === '2'}
          checked={draft.phase === '2'}
          onChange={() => edit({ phase: '2' })}
        />{' '}
        Phase 2 : la transmission vaut preuve, sans numérisation <KeyHint k="2" />
      </label>
      <p aria-live="polite" data-testid="phase-effect">
        {PHASE_EFFECT[draft.phase]}
      </p>
    </fieldset>
  );
}

/** E-lecteur: automatic HID POS detection, or the keyboard wedge and the layout the scanner is set to. */
export function ReaderForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { draft, edit } = useSettings();
  return (
    <div className="grid">
      <Field label="E-lecteur">
        <select autoFocus={autoFocus} value={draft.readerMode} onChange={(e) => edit({ readerMode: e.target.value as 'auto' | 'wedge' })}>
          <option value="auto">Détection automatique (HID POS)</option>
          <option value="wedge">Émulation clavier</option>
        </select>
      </Field>
      <Field label="Disposition clavier du lecteur">
        <select value={draft.layout} onChange={(e) => edit({ layout: e.target.value as 'us' | 'fr' })}>
          <option value="us">QWERTY (US, par défaut)</option>
          <option value="fr">AZERTY (France)</option>
        </select>
      </Field>
    </div>
  );
}
