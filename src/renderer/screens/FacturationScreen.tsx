import { ActionButton } from '../components/ActionButton.js';
import { KeyLegend } from '../components/KeyLegend.js';
import { PrescriptionHeader } from '../components/PrescriptionHeader.js';
import { StatusBar } from '../components/StatusBar.js';
import { formatDateFr } from '../../shared/format/fr.js';
import { useAnnouncer } from '../stores/announcer-store.js';
import { useApp } from '../stores/app-store.js';
import { useCounter } from '../stores/counter-store.js';
import { usePatient } from '../stores/patient-store.js';
import { OrdonnanceNumeriqueDialog } from './OrdonnanceNumeriqueDialog.js';
import { useHistory } from '../stores/history-store.js';
import { HistoryDialog } from './HistoryDialog.js';
import { TeletransmissionDialog } from './TeletransmissionDialog.js';
import { OrdonnancierDialog } from './OrdonnancierDialog.js';
import { useOrdonnancier } from '../stores/ordonnancier-store.js';
import { PatientDialog } from './PatientDialog.js';
import { TiersPayantDialog } from './TiersPayantDialog.js';
import { SidePanels } from './SidePanels.js';

/** The last thing said to screen readers, shown (they hear it from the live regions: hidden from them here). */
function LastMessage() {
  const last = useAnnouncer((s) => s.last);
  return (
    <p className={`last-message ${last?.severity === 'error' ? 'error' : ''}`} data-testid="last-message" aria-hidden="true">
      {last?.text ?? ''}
    </p>
  );
}

/** « Facturation »: where a dispensing happens. */
export function FacturationScreen() {
  const { openOrdonnanceNumerique, lastRead, step, circuit } = useCounter();
  const { called, openSearch, tiersPayant, open: patientOpen } = usePatient();
  const helpOpen = useApp((s) => s.helpOpen);
  const historyOpen = useHistory((s) => s.open);
  const registerOpen = useOrdonnancier((s) => s.open);
  // While a window is open, the screen behind it takes no focus and no click (keyboard users stay in the window).
  const behind = step !== 'idle' || patientOpen || helpOpen || historyOpen || registerOpen;
  return (
    <div className="screen">
      <div className="screen-body" inert={behind}>
        <header className="app-header">
          <h1>Facturation</h1>
          <StatusBar />
        </header>
        <LastMessage />
        <main className="workspace">
          <section className="panel" aria-labelledby="start-title">
            <h2 id="start-title">Nouvelle délivrance</h2>
            <p data-testid="called-patient">
              {called ? (
                <>
                  Patient :{' '}
                  <strong>
                    {called.lastName} {called.firstName}
                  </strong>
                  , né{called.sex === 'F' ? 'e' : ''} le {formatDateFr(called.birthDate)} —{' '}
                  {called.address ?? <span className="muted">adresse inconnue (F2 puis Alt+M)</span>}
                </>
              ) : (
                'Appelez le patient, puis lisez l’ordonnance numérique.'
              )}
            </p>
            <div className="actions">
              <ActionButton k="F2" onClick={openSearch}>
                Appel patient
              </ActionButton>
              {called ? (
                <ActionButton k="Alt+X" onClick={() => useCounter.getState().releasePatient()}>
                  Patient suivant
                </ActionButton>
              ) : null}
              <ActionButton k="F3" primary onClick={openOrdonnanceNumerique}>
                Ordonnance Numérique
              </ActionButton>
              <ActionButton k="F4" onClick={() => useCounter.getState().openPaper()}>
                Ordonnance papier
              </ActionButton>
              <ActionButton k="Alt+H" onClick={() => useHistory.getState().openHistory()}>
                Historique
              </ActionButton>
              <ActionButton k="Alt+O" onClick={() => useOrdonnancier.getState().setOpen(true)}>
                Ordonnancier
              </ActionButton>
              <ActionButton k="Alt+C" onClick={() => useApp.getState().setScreen('configuration')}>
                Configuration
              </ActionButton>
            </div>
            {/* The paper prescription's window holds the date and the prescriber while it is open (one field each on the page). */}
            {circuit === 'PAPER' && (step === 'rx' || step === 'validating') ? null : <PrescriptionHeader />}
            {called ? (
              <p data-testid="tiers-payant">{tiersPayant ?? 'Tiers payant : lisez l’attestation de la mutuelle, ou saisissez-la (F6).'}</p>
            ) : null}
            {lastRead ? (
              <p className="muted" data-testid="last-read">
                Dernière lecture : {lastRead}
              </p>
            ) : null}
          </section>
          <SidePanels />
        </main>
        <KeyLegend />
      </div>
      <OrdonnanceNumeriqueDialog />
      <PatientDialog />
      <TiersPayantDialog />
      <HistoryDialog />
      <TeletransmissionDialog />
      <OrdonnancierDialog />
    </div>
  );
}
