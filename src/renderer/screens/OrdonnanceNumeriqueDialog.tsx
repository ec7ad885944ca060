import { useEffect, useRef } from 'react';
import { ActionButton } from '../components/ActionButton.js';
import { KeyHint } from '../components/KeyHint.js';
import { useCounter, type CounterStep } from '../stores/counter-store.js';
import { usePatient } from '../stores/patient-store.js';
import { ControlWindow } from './counter/ControlWindow.js';
import { DoneStep } from './counter/DoneStep.js';
import { ImageReaders } from './counter/ImageReaders.js';
import { PaperPrescriptionStep } from './counter/PaperPrescriptionStep.js';
import { DegradedStep } from './counter/DegradedStep.js';
import { ProductsStep } from './counter/ProductsStep.js';
import { RenewalStep } from './counter/RenewalStep.js';
import { ScanStep } from './counter/ScanStep.js';
import { VerificationStep } from './counter/VerificationStep.js';

const STEP_TITLES: Partial<Record<CounterStep, string>> = {
  verification: 'Vérification',
  renewal: 'Renouvellement',
  products: 'Produits',
  control: 'Contrôle',
  degraded: 'Mode dégradé',
  validating: 'Validation',
  done: 'Transmission',
  scan: 'Numérisation',
};

/** F3 « Ordonnance Numérique »: the « Code 2D » field first, then each step of the flow. */
export function OrdonnanceNumeriqueDialog() {
  const { step, code2d, error, setCode2d, submitCode2d, stepBack, degradedAllowed, circuit } = useCounter();
  // The patient's call (F2) opened from this window is on top of it: this one takes no focus meanwhile.
  const patientOpen = usePatient((s) => s.open);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code2d') field.current?.focus();
  }, [step]);

  if (step === 'idle') return null;
  const title = STEP_TITLES[step];
  return (
    <div className="dialog-backdrop" inert={patientOpen}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="on-title">
        <h1 id="on-title">
          {circuit === 'PAPER' ? 'Ordonnance papier' : 'Ordonnance Numérique'} <KeyHint k={circuit === 'PAPER' ? 'F4' : 'F3'} />
          {title ? <span className="step-title">— {title}</span> : null}
        </h1>
        {step === 'code2d' || step === 'retrieving' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submitCode2d();
            }}
          >
            <label htmlFor="code2d">Code 2D</label>
            <input
              id="code2d"
              data-wedge="scan"
              ref={field}
              value={code2d}
              onChange={(e) => setCode2d(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              aria-describedby="code2d-help code2d-error"
              aria-invalid={error !== null}
              disabled={step === 'retrieving'}
            />
            <p id="code2d-help" className="help">
              Lisez le QR code avec l’e-lecteur, ou saisissez le numéro imprimé dessous (par exemple 013X-J9K2-M4P6-R8T0-V0).
            </p>
            {step === 'retrieving' ? <p className="progress">Récupération de l’ordonnance…</p> : null}
            <ImageReaders />
            <div className="actions">
              <ActionButton k="Entrée" primary type="submit" disabled={step === 'retrieving'}>
                Récupérer
              </ActionButton>
              {degradedAllowed ? (
                <ActionButton k="F9" onClick={() => void useCounter.getState().forward()}>
                  Délivrer d’après le papier (mode dégradé)
                </ActionButton>
              ) : null}
              <ActionButton k="Échap" onClick={() => void stepBack()}>
                Fermer
              </ActionButton>
            </div>
          </form>
        ) : null}
        {step === 'verification' ? <VerificationStep /> : null}
        {step === 'renewal' ? <RenewalStep /> : null}
        {step === 'products' ? <ProductsStep /> : null}
        {step === 'control' || (step === 'validating' && useCounter.getState().retrieved) ? <ControlWindow /> : null}
        {step === 'degraded' || (step === 'validating' && !useCounter.getState().retrieved && circuit === 'ON') ? <DegradedStep /> : null}
        {step === 'rx' || (step === 'validating' && circuit === 'PAPER') ? <PaperPrescriptionStep /> : null}
        {step === 'done' ? <DoneStep /> : null}
        {step === 'scan' ? <ScanStep /> : null}
        <p id="code2d-error" className="error" data-testid="code2d-error" role="status">
          {error}
        </p>
      </div>
    </div>
  );
}
