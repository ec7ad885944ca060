import { formatBytesFr, formatDateFr, formatDateTimeFr } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { KeyHint } from '../../components/KeyHint.js';
import { useSettings } from '../../stores/settings-store.js';

/**
 * « Sauvegardes »: the folder, the copies kept (7 daily, 4 weekly; a day's first and latest), the
 * last attempt; Alt+B one now. A copy chosen with ↑ ↓ is restored at the next start (Alt+R, then
 * Entrée): the running workstation never replaces the database it works on.
 */
export function BackupsPanel() {
  const { backups: b, backupNow, backupBusy, restoreConfirm, askRestore } = useSettings();
  if (!b) return <p>Chargement…</p>;
  if (b.kind === 'server') return <ServerBackupsPanel />;
  const confirming = restoreConfirm ? b.backups.find((x) => x.name === restoreConfirm) : undefined;
  return (
    <>
      <dl className="facts" data-testid="backups">
        <dt>Dossier</dt>
        <dd>{b.folder}</dd>
        <dt>Dernière tentative</dt>
        <dd>
          {b.last
            ? `${formatDateTimeFr(b.last.at)} — ${b.last.ok ? 'réussie' : (b.last.message ?? 'échec')}`
            : 'aucune depuis le démarrage'}
        </dd>
        <dt>Conservées</dt>
        <dd>
          {b.backups.length === 0
            ? 'aucune sauvegarde'
            : `${b.backups.length} (les 7 derniers jours — la première et la dernière de chaque jour —, et une par semaine sur 4 semaines)`}
        </dd>
        <dt>Restauration</dt>
        <dd data-testid="restore-state">
          {b.pendingRestore
            ? `demandée pour la sauvegarde du ${formatDateFr(b.pendingRestore.day)} : elle se fera au prochain démarrage de Comptoir`
            : b.lastRestore
              ? `${formatDateTimeFr(b.lastRestore.at)} — ${b.lastRestore.message}`
              : 'aucune'}
        </dd>
      </dl>
      <BackupsTable />
      {confirming ? (
        <p className="hard-stop" role="alert" data-testid="restore-confirm">
          Restaurer la sauvegarde du {formatDateFr(confirming.day)} écrite le {formatDateTimeFr(confirming.at)} ? Ce qui a été enregistré
          depuis ne sera plus dans la base (la base actuelle est conservée à part). La restauration se fera au prochain démarrage.{' '}
          <KeyHint k="Entrée" /> confirmer — <KeyHint k="Échap" /> renoncer
        </p>
      ) : null}
      <p>On peut aussi restaurer Comptoir fermé : « comptoir restore FICHIER ». La base remplacée est toujours conservée.</p>
      <div className="actions">
        <ActionButton k="Alt+B" onClick={() => void backupNow()} disabled={backupBusy}>
          {backupBusy ? 'Sauvegarde en cours…' : 'Sauvegarder maintenant'}
        </ActionButton>
        <ActionButton k="Alt+R" onClick={() => void askRestore()} disabled={b.backups.length === 0 && !b.pendingRestore}>
          {b.pendingRestore ? 'Annuler la restauration demandée' : 'Restaurer la sauvegarde choisie'}
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
          {d.teleservice.mode === 'embedded' ? 'démonstration intégrée' : d.teleservice.mode} —{' '}
          {d.teleservice.reachable ? 'joignable' : 'injoignable'}
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

/** The copies kept, latest first; ↑ ↓ choose one (a restore of the counter's file). */
function BackupsTable() {
  const { backups: b, backupSelected } = useSettings();
  return (
    <table className="lines" aria-label="Sauvegardes conservées (↑ ↓ pour choisir)">
      <thead>
        <tr>
          <th scope="col">Jour</th>
          <th scope="col">Écrite le</th>
          <th scope="col">Taille</th>
        </tr>
      </thead>
      <tbody>
        {(b?.backups ?? []).map((backup, i) => (
          <tr
            key={backup.name}
            aria-selected={i === backupSelected}
            className={i === backupSelected ? 'selected' : undefined}
            data-testid="backup-row"
          >
            <td>{formatDateFr(backup.day)}</td>
            <td>{formatDateTimeFr(backup.at)}</td>
            <td>{formatBytesFr(backup.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * On the pharmacy's server: its dumps (pg_dump, checked), kept in this counter's folder, Alt+B one
 * now. Restoring is its owner's, counters closed, into a new database: never from a counter.
 */
function ServerBackupsPanel() {
  const { backups: b, backupNow, backupBusy } = useSettings();
  if (!b) return null;
  return (
    <>
      <dl className="facts" data-testid="backups">
        <dt>Base</dt>
        <dd>serveur de l’officine (PostgreSQL), sauvegardé par « pg_dump » et vérifié</dd>
        <dt>Dossier</dt>
        <dd>{b.folder}</dd>
        <dt>Dernière tentative</dt>
        <dd>
          {b.last
            ? `${formatDateTimeFr(b.last.at)} — ${b.last.ok ? 'réussie' : (b.last.message ?? 'échec')}`
            : 'aucune depuis le démarrage'}
        </dd>
        <dt>Conservées</dt>
        <dd>
          {b.backups.length === 0 ? 'aucune sauvegarde' : `${b.backups.length} (les 7 derniers jours, et une par semaine sur 4 semaines)`}
        </dd>
      </dl>
      <BackupsTable />
      <p>Restaurer le serveur : postes fermés, dans une base neuve, par « comptoir db restore FICHIER » (jamais depuis un poste).</p>
      <div className="actions">
        <ActionButton k="Alt+B" onClick={() => void backupNow()} disabled={backupBusy}>
          {backupBusy ? 'Sauvegarde en cours…' : 'Sauvegarder le serveur maintenant'}
        </ActionButton>
      </div>
    </>
  );
}
