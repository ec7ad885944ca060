import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { useApp } from '../../stores/app-store.js';
import { useSettings } from '../../stores/settings-store.js';
import { IdentityForm, ReaderForm, RegulationForm, TeleserviceForm } from './SettingsForms.js';

const STEPS = [
  { title: 'Votre officine', parts: ['pharmacy'], Form: IdentityForm },
  { title: 'Le téléservice', parts: ['teleservice'], Form: TeleserviceForm },
  { title: 'L’e-lecteur', parts: ['reader'], Form: ReaderForm },
  { title: 'La réglementation', parts: ['phase', 'setup'], Form: RegulationForm },
] as const;

/** First run: only what must be asked, Entrée to go on, Échap to go back; ends on Facturation. */
export function FirstRunWizard() {
  const s = useSettings();
  const { setScreen, status, refreshStatus } = useApp();
  const [step, setStep] = useState(0);
  useEffect(() => void s.load(), []);
  const current = STEPS[step]!;
  const next = async (): Promise<void> => {
    if (!(await s.save([...current.parts]))) return;
    if (step < STEPS.length - 1) setStep(step + 1);
    else {
      await refreshStatus();
      setScreen('facturation');
    }
  };
  return (
    <div className="screen wizard">
      <header className="app-header">
        <h1>Premier démarrage de Comptoir</h1>
      </header>
      <main className="workspace column">
        <form
          className="panel wide-panel"
          onSubmit={(e) => {
            e.preventDefault();
            void next();
          }}
          onKeyDown={(e) => {
            // Entrée goes on from any field (a select or a radio does not submit a form by itself).
            if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
              e.preventDefault();
              void next();
            } else if (e.key === 'Escape' && step > 0) {
              e.preventDefault();
              setStep(step - 1);
            }
          }}
          aria-labelledby="wizard-step"
        >
          <p className="muted">
            Étape {step + 1} sur {STEPS.length}
          </p>
          <h2 id="wizard-step">{current.title}</h2>
          <current.Form key={step} autoFocus />
          {current.title === 'L’e-lecteur' ? (
            <p className="muted">
              État : {status?.reader.message ?? '—'} Faites une lecture de test : elle s’affichera dans la facturation.
            </p>
          ) : null}
          <p className="error" role="status">
            {s.error}
          </p>
          <div className="actions">
            <ActionButton k="Entrée" primary type="submit">
              {step < STEPS.length - 1 ? 'Continuer' : 'Terminer'}
            </ActionButton>
            {step > 0 ? (
              <ActionButton k="Échap" onClick={() => setStep(step - 1)}>
                Retour
              </ActionButton>
            ) : null}
          </div>
        </form>
      </main>
    </div>
  );
}
