import { useEffect, useRef } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { PrescriptionView } from '../../components/PrescriptionView.js';
import { formatDateFr } from '../../../shared/format/fr.js';
import { DEGRADED_MESSAGE, useCounter } from '../../stores/counter-store.js';
import { usePatient } from '../../stores/patient-store.js';
import { isPatientMismatch } from '../../../shared/rules/patient-match.js';
import { counterPatientOf } from '../../stores/counter-proposal.js';

/** « Vérification »: the prescription, and the patient at the counter checked against it. */
export function VerificationStep() {
  const { retrieved, overrideReason, setOverrideReason, exceptionConfirmed, setExceptionConfirmed, forward, stepBack } = useCounter();
  const called = usePatient((s) => s.called);
  const confirm = useRef<HTMLDivElement>(null);
  const reason = useRef<HTMLInputElement>(null);
  const p = retrieved?.prescription;
  const mismatch = p !== undefined && isPatientMismatch(counterPatientOf(called), p.patient);
  useEffect(() => {
    if (mismatch) reason.current?.focus();
    else confirm.current?.querySelector('button')?.focus();
  }, [mismatch]);
  if (!p) return null;
  return (
    <>
      {retrieved?.degraded ? (
        <p className="hard-stop" role="alert" data-testid="degraded">
          {DEGRADED_MESSAGE}
        </p>
      ) : null}
      <PrescriptionView prescription={p} />
      <section className="patient-check" aria-label="Patient au comptoir">
        {called ? (
          <p>
            Patient appelé :{' '}
            <strong>
              {called.lastName} {called.firstName}
            </strong>
            , né{called.sex === 'F' ? 'e' : ''} le {formatDateFr(called.birthDate)}
          </p>
        ) : (
          <p className="muted">Aucun patient appelé : la délivrance sera faite au patient de l’ordonnance.</p>
        )}
        {mismatch ? (
          <div className="hard-stop" role="alert">
            <strong>Patient différent de celui de l’ordonnance.</strong> La délivrance ne peut continuer qu’avec un motif enregistré.
            <label htmlFor="override-reason">Motif (ayant droit, parent d’un enfant…)</label>
            <input
              id="override-reason"
              ref={reason}
              value={overrideReason}
              maxLength={300}
              onChange={(e) => setOverrideReason(e.target.value)}
            />
          </div>
        ) : null}
      </section>
      {p.kind === 'EXCEPTION' ? (
        <div className="hard-stop" role="alert">
          <strong>Médicament d’exception.</strong> L’ordonnance doit porter les mentions du formulaire dédié (indication conforme à la fiche
          d’information thérapeutique).
          <label className="inline">
            <input type="checkbox" checked={exceptionConfirmed} onChange={(e) => setExceptionConfirmed(e.target.checked)} /> Mentions du
            formulaire d’exception vérifiées
          </label>
        </div>
      ) : null}
      <div className="actions" ref={confirm}>
        <ActionButton k="F9" primary onClick={() => void forward()}>
          Confirmer l’ordonnance
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Abandonner et rendre le verrou
        </ActionButton>
      </div>
    </>
  );
}
