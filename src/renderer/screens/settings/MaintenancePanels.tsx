import { formatBytesFr, formatDateFr, formatDateTimeFr } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { useSettings } from '../../stores/settings-store.js';

/**
 * « Sauvegardes »: the folder, the copies kept (7 daily, 4 weekly), the last attempt; Alt+B one now.
 * Restoring replaces the database, so it is done with the workstation closed (`comptoir restore`).
 */
export function BackupsPanel() {
  const { backups: b, backupNow, backupBusy } = useSettings();
  if (!b) return <p>Chargement…</p>;
  if (b.folder === null) return <p data-testid="backups">La base est celle du serveur de l’officine (PostgreSQL) : elle est sauvegardée par le serveur lui-même, pas par ce poste.</p>;
  return (
    <>
      <dl className="facts" data-testid="backups">
        <dt>Dossier</dt>
        <dd>{b.folder}</dd>
        <dt>Dernière tentative</dt>
        <dd>{b.last ? `${formatDateTimeFr(b.last.at)} — ${b.last.ok ? 'réussie' : (b.last.message ?? 'échec')}` : 'aucune depuis le démarrage'}</dd>
        <dt>Conservées</dt>
        <dd>{b.backups.length === 0 ? 'aucune sauvegarde' : `${b.backups.length} (les 7 derniers jours, et une par semaine sur 4 semaines)`}</dd>
      </dl>
      <table className="lines" aria-label="Sauvegardes conservées">
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Écrite le</th>
            <th scope="col">Taille</th>
          </tr>
        </thead>
        <tbody>
          {b.backups.map((backup) => (
            <tr key={backup.name}>
              <td>{formatDateFr(backup.day)}</td>
              <td>{formatDateTimeFr(backup.at)}</td>
              <td>{formatBytesFr(backup.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Pour restaurer une sauvegarde : fermez Comptoir sur ce poste, puis lancez « comptoir restore FICHIER ». La base remplacée est conservée.</p>
      <div className="actions">
        <ActionButton k="Alt+B" onClick={() => void backupNow()} disabled={backupBusy}>
          {backupBusy ? 'Sauvegarde en cours…' : 'Sauvegarder maintenant'}
        </ActionButton>
      </div>
    </>
  );
}

/** « Diagnostic »: versions, the database, the téléservice, the e-reader, the transmissions; Alt+S the support bundle. */
export function DiagnosticPanel() {
  const { diagnostic: d, supportBundle } = useSettings();
  if (!d) return <p>Chargement…</p>;
  return (
    <>
      <dl className="facts" data-testid="diagnostic">
        <dt>Versions</dt>
        <dd>
          Comptoir {d.versions.app} — Node {d.versions.node} — {d.versions.database}
          {d.versions.electron ? ` — Electron ${d.versions.electron}` : ' — mode navigateur'}
        </dd>
        <dt>Base de données</dt>
        <dd>
          {d.databaseFile} (schéma {d.schemaVersion})
        </dd>
        <dt>Téléservice</dt>
        <dd>
          {d.teleservice.mode === 'embedded' ? 'démonstration intégrée' : d.teleservice.mode} — {d.teleservice.reachable ? 'joignable' : 'injoignable'}
        </dd>
        <dt>E-lecteur</dt>
        <dd>
          {d.reader.message} {d.reader.lastRead ? `— dernière lecture : ${d.reader.lastRead}` : ''}
        </dd>
        <dt>Transmissions</dt>
        <dd>
          {d.outbox.PENDING} en attente, {d.outbox.REFUSED} à régulariser, {d.outbox.SENT} transmises
        </dd>
      </dl>
      <div className="actions">
        <ActionButton k="Alt+S" onClick={() => void supportBundle()}>
          Écrire le dossier de support
        </ActionButton>
      </div>
    </>
  );
}
