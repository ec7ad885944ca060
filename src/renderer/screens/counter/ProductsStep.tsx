import { useEffect, useRef } from 'react';
import type { ProductView } from '../../../shared/contract/counter-schemas.js';
import { formatPriceOrUnknown, plural } from '../../../shared/format/fr.js';
import { dearerThanPrescribed, productKindWord } from '../../../shared/format/product-words.js';
import { ActionButton } from '../../components/ActionButton.js';
import { BillSummary, MoneyFooter } from '../../components/BillSummary.js';
import { DateField } from '../../components/DateField.js';
import { Field } from '../../components/Field.js';
import { PriceField } from '../../components/PriceField.js';
import { IssuesList } from '../../components/IssuesList.js';
import { KeyHint } from '../../components/KeyHint.js';
import type { ItemEntry } from '../../stores/counter-proposal.js';
import { useCounter } from '../../stores/counter-store.js';
import { addToFocusedLine } from '../../keyboard/focused-line.js';

/**
 * An option as the pharmacist reads it: what the catalogue says the product is (princeps, générique…),
 * « prescrit » for the prescribed one, its price, and whether it costs more than the prescribed one.
 */
export function optionText(o: ProductView, prescribed: ProductView | undefined): string {
  const otherSize = o.relation === 'other-pack' && o.packSize !== prescribed?.packSize;
  const words = [productKindWord(o.kind), o.relation === 'prescribed' ? 'prescrit' : otherSize ? 'autre conditionnement' : '']
    .filter(Boolean)
    .join(', ');
  const dearer = o.relation === 'prescribed' ? null : dearerThanPrescribed(o.priceCents, prescribed?.priceCents ?? null);
  return [o.label, words, formatPriceOrUnknown(o.priceCents)].filter(Boolean).join(' — ') + (dearer ? ` (${dearer})` : '');
}

/** A product choice over the line's catalogue products; the current one kept even if the catalogue lacks it. */
function ProductChoice({
  id,
  value,
  label,
  options,
  disabled,
  onChoose,
  selectRef,
}: {
  id?: string;
  value: string;
  label: string;
  options: ProductView[];
  disabled: boolean;
  onChoose: (cip13: string, label: string) => void;
  selectRef?: React.Ref<HTMLSelectElement>;
}) {
  const known = options.some((o) => o.cip13 === value);
  return (
    <select
      ref={selectRef}
      id={id}
      value={value}
      disabled={disabled}
      onChange={(e) => onChoose(e.target.value, options.find((o) => o.cip13 === e.target.value)?.label ?? label)}
    >
      {!known ? <option value={value}>{label} (hors catalogue)</option> : null}
      {options.map((o) => (
        <option key={o.cip13} value={o.cip13}>
          {optionText(
            o,
            options.find((x) => x.relation === 'prescribed'),
          )}
        </option>
      ))}
    </select>
  );
}

/** Said beside the line, and heard: each chosen product dearer than the prescribed one. */
function DearerNotes({ items, options }: { items: ItemEntry[]; options: ProductView[] }) {
  const prescribed = options.find((o) => o.relation === 'prescribed');
  const notes = [...new Set(items.map((i) => i.cip13))].flatMap((cip13) => {
    const chosen = options.find((o) => o.cip13 === cip13 && o.relation !== 'prescribed');
    const dearer = chosen ? dearerThanPrescribed(chosen.priceCents, prescribed?.priceCents ?? null) : null;
    return chosen && dearer ? [`${chosen.label} : ${dearer}.`] : [];
  });
  return (
    <p className="dearer" role="status" data-testid="dearer-note" hidden={notes.length === 0}>
      {notes.join(' ')}
    </p>
  );
}

/** The fields of one pack choice: product, packs, batch, expiry. */
function ItemFields({
  item,
  options,
  disabled,
  index,
  onChange,
  selectRef,
}: {
  item: ItemEntry;
  options: ProductView[];
  disabled: boolean;
  index?: number;
  onChange: (patch: Partial<ItemEntry>) => void;
  selectRef?: React.Ref<HTMLSelectElement>;
}) {
  return (
    <>
      <Field label="Produit délivré">
        <ProductChoice
          id={index === undefined ? undefined : `product-${index}`}
          selectRef={selectRef}
          value={item.cip13}
          label={item.label}
          options={options}
          disabled={disabled}
          onChoose={(cip13, label) => onChange({ cip13, label })}
        />
      </Field>
      <Field label="Boîtes">
        <input
          id={index === undefined ? undefined : `packs-${index}`}
          className="short"
          inputMode="numeric"
          value={item.packs}
          disabled={disabled}
          onChange={(e) => onChange({ packs: e.target.value.replace(/[^0-9]/g, '').slice(0, 2) })}
        />
      </Field>
      <Field label="Lot">
        <input
          className="short"
          value={item.batch}
          maxLength={20}
          disabled={disabled}
          onChange={(e) => onChange({ batch: e.target.value })}
        />
      </Field>
      <DateField label="Péremption" value={item.expiry} disabled={disabled} onChange={(expiry) => onChange({ expiry })} />
      {/* No price in the catalogue (or no product): typed here, per pack (catalogue.md). */}
      {options.find((o) => o.cip13 === item.cip13)?.priceCents == null ? (
        <PriceField
          id={index === undefined ? undefined : `price-${index}`}
          value={item.price ?? ''}
          onChange={(price) => onChange({ price })}
        />
      ) : null}
    </>
  );
}

/**
 * « Produits »: per line the product (prescribed by default, a generic, another pack; several packs
 * of different sizes with Alt+A), packs, batch/expiry, or not dispensed — with what it makes in
 * units and days. The focus starts on line 1's product (↓ takes the generic); Alt+n goes to line n.
 */
export function ProductsStep() {
  const {
    retrieved,
    entries,
    alternatives,
    assessment,
    bill,
    overlapReason,
    setEntry,
    chooseProduct,
    setItem,
    removeItem,
    setOverlapReason,
    forward,
    stepBack,
  } = useCounter();
  const first = useRef<HTMLSelectElement>(null);
  const p = retrieved?.prescription;
  useEffect(() => first.current?.focus(), []);
  if (!p) return null;
  const overlap = assessment?.issues.find((i) => i.code === 'OVERLAP_REASON_REQUIRED' || i.code === 'OVERLAP');

  return (
    <div className="products">
      <div className="pack-read">
        <label htmlFor="pack-code">
          <KeyHint k="Alt+B" /> Code de la boîte
        </label>
        <input id="pack-code" data-wedge="scan" autoComplete="off" spellCheck={false} maxLength={200} aria-describedby="pack-code-help" />
        <span id="pack-code-help" className="help">
          Lisez la boîte : elle va sur la ligne de son groupe, avec son lot et sa péremption.
        </span>
      </div>
      {p.lines.map((line, index) => {
        const entry = entries[line.lineId];
        const a = assessment?.lines.find((l) => l.lineId === line.lineId);
        if (!entry) return null;
        const options = alternatives[line.lineId] ?? [];
        return (
          <fieldset key={line.lineId} className="product-line" data-testid="product-line" data-line-id={line.lineId}>
            <legend>
              <KeyHint k={`Alt+${index + 1}`} /> Ligne {index + 1} — {line.product.label} ({line.quantity} boîte
              {line.quantity > 1 ? 's' : ''}
              {a ? `, ${plural(a.unitsDue, 'unité')} par délivrance` : ''}
              {a && a.unitsServedBefore > 0 ? `, ${a.unitsServedBefore} déjà délivrée(s)` : ''})
            </legend>
            <div className="grid">
              <ItemFields
                item={entry}
                options={options}
                disabled={entry.notDispensed}
                index={index + 1}
                selectRef={index === 0 ? first : undefined}
                onChange={(patch) =>
                  patch.cip13 && patch.label ? chooseProduct(line.lineId, patch.cip13, patch.label) : setEntry(line.lineId, patch)
                }
              />
              <label className="inline">
                <input
                  type="checkbox"
                  checked={entry.notDispensed}
                  onChange={(e) => setEntry(line.lineId, { notDispensed: e.target.checked })}
                />{' '}
                Non délivré
              </label>
              {line.substitutable && entry.cip13 === line.product.cip13 && options.some((o) => o.relation === 'generic') ? (
                <label className="inline refused-generic">
                  <input
                    type="checkbox"
                    checked={entry.refusedGeneric ?? false}
                    onChange={(e) => setEntry(line.lineId, { refusedGeneric: e.target.checked })}
                  />{' '}
                  Refus du générique
                </label>
              ) : null}
            </div>
            {entry.extra.map((item, n) => (
              <div className="grid extra-item" key={n} data-testid="extra-item">
                <ItemFields
                  item={item}
                  options={options}
                  disabled={entry.notDispensed}
                  onChange={(patch) => setItem(line.lineId, n, patch)}
                />
                <button type="button" onClick={() => removeItem(line.lineId, n)}>
                  Retirer
                </button>
              </div>
            ))}
            {a && a.unitsDispensed > 0 ? (
              <p className="units" data-testid="line-units">
                {plural(a.unitsDispensed, 'unité')}, {plural(a.daysDispensed, 'jour')} de traitement
                {a.unitsRemainingAfter > 0
                  ? ` — reste ${plural(a.unitsRemainingAfter, 'unité')} (${plural(a.daysRemainingAfter, 'jour')})`
                  : ''}
                {a.renewalsCovered.length > 0
                  ? ` — sert aussi ${a.renewalsCovered.length > 1 ? 'les renouvellements' : 'le renouvellement'} ${a.renewalsCovered.join(', ')}`
                  : ''}
              </p>
            ) : null}
            <DearerNotes items={entry.notDispensed ? [] : [entry, ...entry.extra]} options={options} />
            {a?.explanation ? <p className="explanation">{a.explanation}</p> : null}
            <IssuesList issues={assessment?.issues ?? []} lineId={line.lineId} />
          </fieldset>
        );
      })}
      {overlap ? (
        <div className="hard-stop">
          <label htmlFor="overlap-reason">Motif du chevauchement</label>
          <input id="overlap-reason" value={overlapReason} maxLength={300} onChange={(e) => setOverlapReason(e.target.value)} />
        </div>
      ) : null}
      <IssuesList issues={assessment?.issues ?? []} lineId={null} />
      <BillSummary bill={bill} />
      <MoneyFooter bill={bill}>
        <ActionButton k="F9" primary onClick={() => void forward()}>
          Valider les produits
        </ActionButton>
        <ActionButton k="Alt+A" onClick={() => addToFocusedLine()}>
          Ajouter une boîte à la ligne
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Retour
        </ActionButton>
      </MoneyFooter>
    </div>
  );
}
