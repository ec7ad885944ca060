import { useEffect, useRef } from 'react';
import type { DeviationType } from '../../../shared/teleservice/schemas.js';
import { plural } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { DateField } from '../../components/DateField.js';
import { Field } from '../../components/Field.js';
import { CollectorField } from '../../components/CollectorField.js';
import { IssuesList } from '../../components/IssuesList.js';
import { ReasonField } from '../../components/ReasonField.js';
import { useCounter } from '../../stores/counter-store.js';

export const DEVIATION_LABELS: Record<DeviationType, string> = {
  NONE: 'Aucun écart',
  GENERIC_SUBSTITUTION: 'Substitution générique',
  BIOSIMILAR_SUBSTITUTION: 'Substitution biosimilaire',
  QUANTITY_ADAPTED: 'Quantité adaptée',
  LARGE_PACK: 'Grand conditionnement',
  POSOLOGY_CHANGED: 'Posologie modifiée',
  NOT_DISPENSED: 'Non délivré',
  SHORTAGE: 'Rupture',
  STUPS_REDUCED_DURATION: 'Durée réduite (stupéfiant)',
  EXCEPTIONAL_RENEWAL: 'Renouvellement exceptionnel',
  OTHER: 'Autre',
};

/** A deviation's name as the pharmacist reads it: a princeps dispensed is a substitution, never « générique ». */
export function deviationLabel(type: DeviationType, towardPrinceps = false): string {
  return type === 'GENERIC_SUBSTITUTION' && towardPrinceps ? 'Substitution (princeps délivré)' : DEVIATION_LABELS[type];
}

/** After a deviation's reason, Entrée goes on to the next one's (after the last: the complementary information). */
function nextReason(n: number): void {
  const reasons = [...document.querySelectorAll<HTMLInputElement>('[data-testid="deviation"] .reason-field input')];
  (reasons[n + 1] ?? document.getElementById('complementary-info'))?.focus();
}

/**
 * « Contrôle d'ordonnance »: every deviation, its type and reason, the agreement where the rules ask
 * for it. The focus starts in the first deviation's reason, where Entrée takes the usual one and
 * moves on to the next.
 */
export function ControlWindow() {
  const {
    retrieved,
    assessment,
    entries,
    justifications,
    complementaryInfo,
    setJustification,
    setComplementaryInfo,
    forward,
    stepBack,
    step,
  } = useCounter();
  const first = useRef<HTMLElement>(null);
  useEffect(() => first.current?.focus(), []);
  const p = retrieved?.prescription;
  if (!p || !assessment) return null;
  const deviations = assessment.lines.filter((l) => l.deviationType !== 'NONE' || l.needsReason);
  return (
    <section aria-labelledby="control-title" className="control">
      <h2 id="control-title" tabIndex={-1} ref={deviations.length === 0 ? (first as React.RefObject<HTMLHeadingElement>) : undefined}>
        Contrôle d'ordonnance
      </h2>
      <table className="lines summary">
        <caption className="visually-hidden">Prescrit et délivré, ligne par ligne</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Prescrit</th>
            <th scope="col">Délivré</th>
            <th scope="col">Écart</th>
          </tr>
        </thead>
        <tbody>
          {assessment.lines.map((l, i) => {
            const line = p.lines.find((x) => x.lineId === l.lineId);
            const entry = entries[l.lineId];
            return (
              <tr key={l.lineId} data-testid="control-line">
                <td>{i + 1}</td>
                <td>
                  {line?.product.label} — {plural(l.unitsDue - l.unitsServedBefore, 'unité')}
                </td>
                <td>
                  {l.status === 'NOT_DISPENSED'
                    ? 'Non délivré'
                    : `${[entry, ...(entry?.extra ?? [])].map((x) => `${x?.label ?? ''} × ${x?.packs ?? ''}`).join(' + ')} — ${plural(l.unitsDispensed, 'unité')}, ${l.daysDispensed} j`}
                </td>
                <td>
                  {l.deviationType === 'NONE' && l.allowedTypes.includes('POSOLOGY_CHANGED') ? (
                    <select
                      aria-label={`Écart de la ligne ${i + 1}`}
                      value={justifications[l.lineId]?.type || 'NONE'}
                      onChange={(e) => setJustification(l.lineId, { type: e.target.value as DeviationType })}
                    >
                      <option value="NONE">{DEVIATION_LABELS.NONE}</option>
                      <option value="POSOLOGY_CHANGED">{DEVIATION_LABELS.POSOLOGY_CHANGED}</option>
                    </select>
                  ) : (
                    deviationLabel((justifications[l.lineId]?.type || l.deviationType) as DeviationType, l.towardPrinceps)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deviations.length === 0 ? <p>Aucun écart entre la prescription et la délivrance.</p> : null}
      {deviations.map((l, n) => {
        const line = p.lines.find((x) => x.lineId === l.lineId);
        const j = justifications[l.lineId];
        const index = p.lines.findIndex((x) => x.lineId === l.lineId) + 1;
        return (
          <fieldset key={l.lineId} className="deviation" data-testid="deviation">
            <legend>
              Ligne {index} — {line?.product.label}
            </legend>
            {l.explanation ? <p className="explanation">{l.explanation}</p> : null}
            <div className="grid">
              <Field label="Type d’écart">
                <select
                  value={j?.type || l.deviationType}
                  onChange={(e) => setJustification(l.lineId, { type: e.target.value as DeviationType })}
                >
                  {l.allowedTypes.map((t) => (
                    <option key={t} value={t}>
                      {deviationLabel(t, l.towardPrinceps)}
                    </option>
                  ))}
                </select>
              </Field>
              <ReasonField
                ref={n === 0 ? (first as React.RefObject<HTMLInputElement>) : undefined}
                onDone={() => nextReason(n)}
                label={`Motif${l.defaultReason ? '' : ' (obligatoire)'}`}
                type={(j?.type || l.deviationType) as DeviationType}
                value={j?.reason ?? ''}
                placeholder={l.defaultReason ?? ''}
                onChange={(reason) => setJustification(l.lineId, { reason })}
                towardPrinceps={l.towardPrinceps === true}
              />
              {l.needsAgreement ? (
                <>
                  <DateField
                    label="Accord du prescripteur le"
                    value={j?.agreementDate ?? ''}
                    onChange={(agreementDate) => setJustification(l.lineId, { agreementDate })}
                  />
                  <Field label="Par">
                    <select
                      value={j?.agreementChannel ?? ''}
                      onChange={(e) => setJustification(l.lineId, { agreementChannel: e.target.value as 'TEL' | 'MSSANTE' | 'OTHER' | '' })}
                    >
                      <option value="">—</option>
                      <option value="TEL">Téléphone</option>
                      <option value="MSSANTE">Messagerie sécurisée (MSSanté)</option>
                      <option value="OTHER">Autre</option>
                    </select>
                  </Field>
                </>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      <label htmlFor="complementary-info">Informations complémentaires pour le prescripteur</label>
      <textarea
        id="complementary-info"
        rows={3}
        maxLength={2000}
        value={complementaryInfo}
        onChange={(e) => setComplementaryInfo(e.target.value)}
      />
      <CollectorField shown={assessment.lines.some((l) => l.narcotic && l.unitsDispensed > 0)} />
      <IssuesList issues={assessment.issues} />
      <div className="actions">
        <ActionButton k="F9" primary disabled={step === 'validating'} onClick={() => void forward()}>
          Valider et transmettre
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Retour aux produits
        </ActionButton>
      </div>
    </section>
  );
}
