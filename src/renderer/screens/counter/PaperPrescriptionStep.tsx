import { useEffect, useRef } from 'react';
import { listWords, productKindWord } from '../../../shared/format/product-words.js';
import { formatPriceOrUnknown, plural } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { BillSummary, MoneyFooter } from '../../components/BillSummary.js';
import { CollectorField } from '../../components/CollectorField.js';
import { DateField } from '../../components/DateField.js';
import { PrescriptionHeader } from '../../components/PrescriptionHeader.js';
import { Field } from '../../components/Field.js';
import { PriceField } from '../../components/PriceField.js';
import { IssuesList } from '../../components/IssuesList.js';
import { KeyHint } from '../../components/KeyHint.js';
import { listboxKeys } from '../../keyboard/listbox-keys.js';
import { useCounter, type RxEntry } from '../../stores/counter-store.js';
import { usePatient } from '../../stores/patient-store.js';

const packs = (v: string): string => v.replace(/[^0-9]/g, '').slice(0, 2);
/** Where the focus goes when F9 is refused for want of it. */
const MISSING_FIELDS = { date: 'prescribed-on', prescriber: 'prescriber-search', product: 'rx-product' } as const;

/** One line: a catalogue product (packs, days, batch, expiry) or a free line (label, price, packs). */
function RxLine({ line, index }: { line: RxEntry; index: number }) {
  const { setRxLine, removeRxLine, rxAssessment } = useCounter();
  const assessed = rxAssessment?.lines.find((l) => l.lineId === `P${index + 1}`);
  // The catalogue gives this product no price: main asks for it (PRICE_REQUIRED), typed per pack.
  const needsPrice = rxAssessment?.issues.some((i) => i.code === 'PRICE_REQUIRED' && i.lineId === `P${index + 1}`) === true;
  return (
    <fieldset className="product-line" data-testid="rx-line">
      <legend>
        Ligne {index + 1} — {line.kind === 'FREE' ? 'hors référentiel' : line.label}
      </legend>
      <div className="grid rx-grid">
        {line.kind === 'FREE' ? (
          <>
            <Field label="Libellé">
              <input value={line.label} maxLength={120} onChange={(e) => setRxLine(index, { label: e.target.value })} />
            </Field>
            <PriceField value={line.price} onChange={(price) => setRxLine(index, { price })} />
          </>
        ) : (
          <>
            <Field label="Lot">
              <input className="short" value={line.batch} maxLength={20} onChange={(e) => setRxLine(index, { batch: e.target.value })} />
            </Field>
            <DateField label="Péremption" value={line.expiry} onChange={(expiry) => setRxLine(index, { expiry })} />
            {needsPrice || line.price ? (
              <PriceField id={`rx-price-${index + 1}`} value={line.price ?? ''} onChange={(price) => setRxLine(index, { price })} />
            ) : null}
          </>
        )}
        <Field label="Boîtes">
          <input
            className="short"
            inputMode="numeric"
            value={line.packs}
            onChange={(e) => setRxLine(index, { packs: packs(e.target.value) })}
          />
        </Field>
        {line.kind === 'CATALOGUE' ? (
          <Field label="Durée (jours)">
            <input
              className="short"
              inputMode="numeric"
              value={line.durationDays}
              onChange={(e) => setRxLine(index, { durationDays: e.target.value.replace(/[^0-9]/g, '').slice(0, 3) })}
            />
          </Field>
        ) : null}
        <button type="button" onClick={() => removeRxLine(index)}>
          Retirer
        </button>
      </div>
      {assessed ? (
        <p className="units">
          {plural(assessed.unitsDispensed, 'unité')}, {plural(assessed.daysDispensed, 'jour')} de traitement
        </p>
      ) : null}
      <IssuesList issues={rxAssessment?.issues ?? []} lineId={`P${index + 1}`} />
    </fieldset>
  );
}

/**
 * « Ordonnance papier » (F4): the products of a paper prescription — read from the pack, found by
 * name or CIP13 in « Produit », or a free line « Hors référentiel » (Alt+L) — with the date and the
 * prescriber of Facturation. The same rules run; F9 records it, then its numérisation.
 */
export function PaperPrescriptionStep() {
  const c = useCounter();
  const called = usePatient((s) => s.called);
  const patientOpen = usePatient((s) => s.open);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  // F9 refused for something missing: the focus goes to it.
  useEffect(() => {
    if (c.rxMissing) document.getElementById(MISSING_FIELDS[c.rxMissing.what])?.focus();
  }, [c.rxMissing]);
  // Back from the patient's call (F2): on to the products.
  const wasOpen = useRef(patientOpen);
  useEffect(() => {
    if (wasOpen.current && !patientOpen) search.current?.focus();
    wasOpen.current = patientOpen;
  }, [patientOpen]);
  const active = c.rxResults[c.rxSelected];
  const narcotic =
    (c.rxAssessment?.lines ?? []).some((l) => l.narcotic) ||
    (c.rxAssessment?.issues ?? []).some((i) => i.code === 'SECURE_PRESCRIPTION_REQUIRED');
  return (
    <section aria-labelledby="rx-title">
      {/* The window is titled « Ordonnance papier »: its section says what it holds, not the title again. */}
      <h2 id="rx-title">Patient, date, prescripteur et produits</h2>
      <p data-testid="rx-patient">
        Patient :{' '}
        {called ? <strong>{`${called.lastName} ${called.firstName}`}</strong> : <span className="muted">aucun patient appelé</span>}{' '}
        <ActionButton k="F2" onClick={() => usePatient.getState().openSearch()}>
          {called ? 'Appeler un autre patient' : 'Appel patient'}
        </ActionButton>
      </p>
      <PrescriptionHeader />
      <label htmlFor="rx-product">Produit (nom, CIP13, ou lisez la boîte)</label>
      <input
        id="rx-product"
        ref={search}
        data-wedge="scan"
        role="combobox"
        aria-expanded={c.rxResults.length > 0}
        aria-controls="rx-results"
        aria-activedescendant={active ? `rx-${active.cip13}` : undefined}
        value={c.rxQuery}
        maxLength={100}
        autoComplete="off"
        onChange={(e) => void c.setRxQuery(e.target.value)}
        onKeyDown={(e) =>
          listboxKeys(e, {
            count: c.rxResults.length || (/^\d{13}$/.test(c.rxQuery.trim()) ? 1 : 0),
            move: c.moveRx,
            pick: () => void c.pickRx(),
          })
        }
      />
      {c.rxResults.length > 0 ? (
        <ul id="rx-results" role="listbox" aria-label="Produits du catalogue" className="results">
          {c.rxResults.map((p, i) => (
            <li key={p.cip13} id={`rx-${p.cip13}`} role="option" aria-selected={i === c.rxSelected} onMouseDown={() => void c.pickRx(i)}>
              {p.label}
              {p.kind ? ` — ${productKindWord(p.kind)}` : ''} — {formatPriceOrUnknown(p.priceCents)}
              {p.list ? ` — ${listWords(p)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {c.rxLines.map((line, i) => (
        <RxLine key={i} line={line} index={i} />
      ))}
      {narcotic ? (
        <div className={c.rxSecure ? 'confirmed' : 'hard-stop'}>
          <label className="inline">
            <input type="checkbox" id="rx-secure" checked={c.rxSecure} onChange={(e) => c.setRxSecure(e.target.checked)} /> Ordonnance
            sécurisée vérifiée (stupéfiant ou assimilé) <KeyHint k="Alt+S" />
          </label>
        </div>
      ) : null}
      <CollectorField shown={(c.rxAssessment?.lines ?? []).some((l) => l.narcotic && l.unitsDispensed > 0)} />
      <IssuesList issues={c.rxAssessment?.issues ?? []} lineId={null} />
      <BillSummary bill={c.bill} />
      <MoneyFooter bill={c.bill}>
        <ActionButton k="F9" primary onClick={() => void c.forward()}>
          Valider l’ordonnance papier
        </ActionButton>
        <ActionButton k="Alt+L" onClick={() => c.addRxLine({ kind: 'FREE', label: '', price: '', packs: '1' })}>
          Ligne hors référentiel
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void c.stepBack()}>
          Mettre de côté
        </ActionButton>
      </MoneyFooter>
      <p className="muted">
        <KeyHint k="↓" /> choisir un produit, <KeyHint k="Entrée" /> l’ajouter.
      </p>
    </section>
  );
}
