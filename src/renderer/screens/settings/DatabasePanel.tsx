import { ActionButton } from '../../components/ActionButton.js';
import { Field } from '../../components/Field.js';
import { useSettings } from '../../stores/settings-store.js';

/**
 * « Base de données »: this counter's own file (one counter), or the pharmacy's PostgreSQL server
 * shared by every counter. Alt+T tests the address before Entrée saves it; it applies at the next start.
 */
export function DatabasePanel() {
  const { database: d, databaseDraft: draft, editDatabase, testDatabase, saveDatabase } = useSettings();
  if (!d) return <p>Chargement…</p>;
  if (d.mode === 'environment') return <p data-testid="database">Base fixée au lancement de ce poste (elle ne se change pas ici) : {d.inUse}</p>;
  return (
    <div data-testid="database">
      <p>En service : {d.inUse}</p>
      <fieldset className="choices">
        <legend>Base de données</legend>
        <label className="inline">
          <input type="radio" name="database" autoFocus checked={draft.mode === 'file'} onChange={() => editDatabase({ mode: 'file' })} /> Fichier de ce poste (un seul poste)
        </label>
        <label className="inline">
          <input type="radio" name="database" checked={draft.mode === 'server'} onChange={() => editDatabase({ mode: 'server' })} /> Serveur de l’officine (PostgreSQL, plusieurs postes)
        </label>
      </fieldset>
      {draft.mode === 'server' ? (
        <Field label="Adresse du serveur (postgres://…)">
          <input type="password" autoComplete="off" spellCheck={false} maxLength={500} value={draft.url} placeholder={d.saved ?? 'postgres://comptoir:motdepasse@serveur:5432/officine'} onChange={(e) => editDatabase({ url: e.target.value })} />
        </Field>
      ) : null}
      <div className="actions">
        {draft.mode === 'server' ? (
          <ActionButton k="Alt+T" onClick={() => void testDatabase()} disabled={draft.url.trim() === ''}>
            Tester la connexion
          </ActionButton>
        ) : null}
        <ActionButton k="Entrée" primary onClick={() => void saveDatabase()}>
          Enregistrer
        </ActionButton>
      </div>
    </div>
  );
}
