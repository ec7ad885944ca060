import { useEffect, useRef } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { Field } from '../../components/Field.js';
import { PriceField } from '../../components/PriceField.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import { BillSummary, MoneyFooter } from '../../components/BillSummary.js';
import { formatPriceOrUnknown } from '../../../shared/format/fr.js';
import type { DegradedPackLabel } from '../../stores/degraded-mode.js';
import { useCounter } from '../../stores/counter-store.js';

/** Degraded mode: the packs dispensed from the paper, sent as an execution when the téléservice is back. */
export function DegradedStep() {
  const {
    code2d,
    renewal,
    setRenewal,
    degradedItems,
    degradedLabels,
    degradedBill,
    setDegradedItem,
    addDegradedItem,
    complementaryInfo,
    setComplementaryInfo,
    forward,
    stepBack,
  } = useCounter();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && e.code === 'KeyL') {
        e.preventDefault();
        addDegradedItem();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addDegradedItem]);
  return (
    <section aria-labelledby="paper-title">
      <h2 id="paper-title">Mode dégradé — ordonnance {formatPrescriptionId(code2d.trim().toUpperCase().replace(/[\s-]/g, ''))}</h2>
      <p className="hard-stop" role="note">
        Téléservice injoignable : délivrez d’après l’ordonnance papier. L’exécution sera construite et transmise dès son retour ; ce qui ne
        correspond pas à l’ordonnance restera « à régulariser ».
      </p>
      <Field label="Numéro de renouvellement">
        <input className="short" inputMode="numeric" value={renewal} onChange={(e) => setRenewal(e.target.value)} />
      </Field>
      {degradedItems.map((item, i) => (
        <fieldset key={i} className="product-line" data-testid="paper-line">
          <legend>Boîte délivrée {i + 1}</legend>
          <div className="grid">
            <Field label="CIP13 (ou lisez la boîte)">
              <input
                ref={i === 0 ? first : undefined}
                data-wedge="scan"
                inputMode="numeric"
                maxLength={13}
                value={item.cip13}
                onChange={(e) => setDegradedItem(i, { cip13: e.target.value.replace(/\D/g, '') })}
              />
            </Field>
            <Field label="Boîtes">
              <input
                className="short"
                inputMode="numeric"
                value={item.packs}
                onChange={(e) => setDegradedItem(i, { packs: e.target.value.replace(/\D/g, '').slice(0, 2) })}
              />
            </Field>
            <Field label="Lot">
              <input className="short" maxLength={20} value={item.batch} onChange={(e) => setDegradedItem(i, { batch: e.target.value })} />
            </Field>
            {/* Absent from the catalogue, or without a price in it: typed here, per pack. */}
            {item.cip13.length === 13 && degradedLabels[item.cip13] !== undefined && degradedLabels[item.cip13]?.priceCents == null ? (
              <PriceField id={`paper-price-${i + 1}`} value={item.price ?? ''} onChange={(price) => setDegradedItem(i, { price })} />
            ) : null}
          </div>
          <PackLabel cip13={item.cip13} known={degradedLabels[item.cip13]} />
        </fieldset>
      ))}
      <label htmlFor="paper-info">Informations complémentaires pour le prescripteur</label>
      <textarea
        id="paper-info"
        rows={2}
        maxLength={1900}
        value={complementaryInfo}
        onChange={(e) => setComplementaryInfo(e.target.value)}
      />
      <BillSummary bill={degradedBill} />
      <MoneyFooter bill={degradedBill}>
        <ActionButton k="Alt+L" onClick={addDegradedItem}>
          Ajouter une boîte
        </ActionButton>
        <ActionButton k="F9" primary onClick={() => void forward()}>
          Enregistrer la délivrance
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Retour
        </ActionButton>
      </MoneyFooter>
    </section>
  );
}

/** Under a pack's CIP13: its catalogue label and price, or that the catalogue does not know it (still dispensable). */
function PackLabel({ cip13, known }: { cip13: string; known: DegradedPackLabel | undefined }) {
  if (cip13.length !== 13 || known === undefined) return null;
  return (
    <p data-testid="paper-label" className={known ? undefined : 'warning'}>
      {known
        ? `${known.label} — ${formatPriceOrUnknown(known.priceCents)}`
        : 'Produit absent du catalogue local : il sera transmis d’après son CIP13 ; tapez son prix de vente.'}
    </p>
  );
}
