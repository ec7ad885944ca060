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
  if (d.mode === 'environment')
    return <p data-testid="database">Base fixée au lancement de ce poste (elle ne se change pas ici) : {d.inUse}</p>;
  return (
    <div data-testid="database">
      <p>En service : {d.inUse}</p>
      <fieldset className="choices">
        <legend>Base de données</legend>
        <label className="inline">
          <input type="radio" name="database" autoFocus checked={draft.mode === 'file'} onChange={() => editDatabase({ mode: 'file' })} />{' '}
          Fichier de ce poste (un seul poste)
        </label>
        <label className="inline">
          <input type="radio" name="database" checked={draft.mode === 'server'} onChange={() => editDatabase({ mode: 'server' })} /> Serveur
          de l’officine (PostgreSQL, plusieurs postes)
        </label>
      </fieldset>
      {draft.mode === 'server' ? (
        <div className="grid">
          <Field label="Serveur (nom ou adresse IP)">
            <input
              autoComplete="off"
              spellCheck={false}
              maxLength={253}
              value={draft.host}
              placeholder="serveur-officine"
              onChange={(e) => editDatabase({ host: e.target.value })}
            />
          </Field>
          <Field label="Port">
            <input inputMode="numeric" maxLength={5} value={draft.port} onChange={(e) => editDatabase({ port: e.target.value })} />
          </Field>
          <Field label="Base">
            <input
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              value={draft.database}
              onChange={(e) => editDatabase({ database: e.target.value })}
            />
          </Field>
          <Field label="Utilisateur">
            <input
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              value={draft.user}
              onChange={(e) => editDatabase({ user: e.target.value })}
            />
          </Field>
          <Field label={d.savedAddress ? 'Mot de passe (à saisir de nouveau)' : 'Mot de passe'}>
            <input
              type="password"
              autoComplete="off"
              maxLength={200}
              value={draft.password}
              onChange={(e) => editDatabase({ password: e.target.value })}
            />
          </Field>
          <p className="muted wide">
            Hors de ce poste, la connexion est chiffrée (TLS) ; le certificat du serveur est vérifié quand l’installation en fournit
            l’autorité.
          </p>
        </div>
      ) : null}
      <div className="actions">
        {draft.mode === 'server' ? (
          <ActionButton k="Alt+T" onClick={() => void testDatabase()} disabled={draft.host.trim() === ''}>
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
