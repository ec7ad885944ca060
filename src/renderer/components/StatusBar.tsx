import { HEARTBEAT_FAILED, teleserviceAccessProblem, useApp } from '../stores/app-store.js';

/** A workstation on a real téléservice starts without products: said, with how to fill it. */
export const CATALOGUE_EMPTY = 'Catalogue vide : importez la base des médicaments (Configuration › Catalogue, Ctrl+O).';

/** Who we are and what is connected: pharmacy, téléservice, catalogue, e-reader. */
export function StatusBar() {
  const { status, statusError, heartbeatFailed } = useApp();
  if (!status) return <div className="status-bar">{statusError ?? 'Connexion au poste…'}</div>;
  const accessProblem = teleserviceAccessProblem(status.teleservice.access);
  const teleservice =
    accessProblem ??
    (status.teleservice.reachable
      ? status.teleservice.embedded
        ? 'Téléservice de démonstration'
        : 'Téléservice connecté'
      : 'Téléservice injoignable (mode dégradé)');
  return (
    <div className="status-bar" data-testid="status-bar">
      <span>{status.pharmacy ? `${status.pharmacy.name} — FINESS ${status.pharmacy.finess}` : 'Officine non identifiée'}</span>
      <span className={status.teleservice.reachable && !accessProblem ? 'ok' : 'warn'} data-testid="status-teleservice">
        {teleservice}
      </span>
      {status.catalogue.inForce === 0 ? (
        <span className="warn" data-testid="status-catalogue">
          {CATALOGUE_EMPTY}
        </span>
      ) : null}
      {status.claims.lateFses > 0 ? (
        <span className="warn" data-testid="status-late-fses">
          {status.claims.lateFses} FSE non transmise(s) dans les délais (F7)
        </span>
      ) : null}
      {status.claims.lotsWithoutArl > 0 ? (
        <span className="warn" data-testid="status-lots-without-arl">
          {status.claims.lotsWithoutArl} lot(s) sans ARL depuis plus de 24 h (F7)
        </span>
      ) : null}
      {heartbeatFailed ? (
        <span className="warn" data-testid="status-heartbeat">
          {HEARTBEAT_FAILED}
        </span>
      ) : null}
      <span className={status.reader.state === 'ready' ? 'ok' : 'muted'}>{readerLabel(status.reader.state)}</span>
      <span className="muted">Comptoir {status.version}</span>
    </div>
  );
}

function readerLabel(state: 'absent' | 'ready' | 'error'): string {
  return state === 'ready' ? 'e-lecteur prêt' : state === 'error' ? 'e-lecteur en erreur' : 'e-lecteur absent';
}
