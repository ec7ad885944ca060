import { useEffect, useRef } from 'react';
import { KeyHint } from '../components/KeyHint.js';
import { PrescriptionView } from '../components/PrescriptionView.js';
import { useCounter } from '../stores/counter-store.js';

/** F3 « Ordonnance Numérique »: the « Code 2D » field has the focus; reads land here. */
export function OrdonnanceNumeriqueDialog() {
  const { step, code2d, error, retrieved, setCode2d, submitCode2d, stepBack } = useCounter();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code2d') field.current?.focus();
  }, [step]);

  if (step === 'idle') return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="on-title">
        <h1 id="on-title">
          Ordonnance Numérique <KeyHint k="F3" />
        </h1>
        {step !== 'verification' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submitCode2d();
            }}
          >
            <label htmlFor="code2d">Code 2D</label>
            <input
              id="code2d"
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
            <p id="code2d-error" className="error" data-testid="code2d-error">
              {error}
            </p>
            <div className="actions">
              <button type="submit" disabled={step === 'retrieving'}>
                Récupérer <KeyHint k="Entrée" />
              </button>
              <button type="button" onClick={() => void stepBack()}>
                Fermer <KeyHint k="Échap" />
              </button>
            </div>
          </form>
        ) : retrieved ? (
          <>
            <PrescriptionView prescription={retrieved.prescription} />
            <div className="actions">
              <button type="button" onClick={() => void stepBack()}>
                Abandonner et rendre le verrou <KeyHint k="Échap" />
              </button>
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
