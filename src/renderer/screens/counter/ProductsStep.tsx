import { useEffect, useRef, useState } from 'react';
import type { ProductView } from '../../../shared/contract/counter-schemas.js';
import { formatEuros } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { IssuesList } from '../../components/IssuesList.js';
import { DateField } from '../../components/DateField.js';
import { Field } from '../../components/Field.js';
import { KeyHint } from '../../components/KeyHint.js';
import { requireApi } from '../../stores/app-store.js';
import { useCounter } from '../../stores/counter-store.js';

const RELATION = { prescribed: 'prescrit', generic: 'générique', 'other-pack': 'autre conditionnement' } as const;

/**
 * « Produits »: per line the product (prescribed by default, a generic, another pack), packs,
 * batch/expiry, or not dispensed. The focus starts on line 1's product (↓ takes the generic);
 * Alt+n goes to line n's, Tab to its packs.
 */
export function ProductsStep() {
  const { retrieved, entries, assessment, setEntry, forward, stepBack } = useCounter();
  const [alternatives, setAlternatives] = useState<Record<string, ProductView[]>>({});
  const first = useRef<HTMLSelectElement>(null);
  const p = retrieved?.prescription;

  useEffect(() => {
    first.current?.focus();
    if (!p) return;
    void Promise.all(p.lines.map(async (l) => [l.lineId, await requireApi().call('catalogue.alternatives', { cip13: l.product.cip13 })] as const)).then((all) =>
      setAlternatives(Object.fromEntries(all.map(([id, r]) => [id, r.ok ? r.value : []]))),
    );
  }, [p]);
  if (!p) return null;

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
        const known = options.some((o) => o.cip13 === entry.cip13);
        return (
          <fieldset key={line.lineId} className="product-line" data-testid="product-line" data-line-index={index + 1}>
            <legend>
              <KeyHint k={`Alt+${index + 1}`} /> Ligne {index + 1} — {line.product.label} ({line.quantity} boîte{line.quantity > 1 ? 's' : ''}{a && a.packsServedBefore > 0 ? `, ${a.packsServedBefore} déjà délivrée(s)` : ''})
            </legend>
            <div className="grid">
              <Field label="Produit délivré">
                <select ref={index === 0 ? first : undefined} id={`product-${index + 1}`} value={entry.cip13} disabled={entry.notDispensed} onChange={(e) => setEntry(line.lineId, { cip13: e.target.value, label: options.find((o) => o.cip13 === e.target.value)?.label ?? entry.label })}>
                  {!known ? <option value={entry.cip13}>{entry.label} (hors catalogue)</option> : null}
                  {options.map((o) => (
                    <option key={o.cip13} value={o.cip13}>
                      {o.label} — {RELATION[o.relation]} — {formatEuros(o.priceCents)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Boîtes">
                <input id={`packs-${index + 1}`} className="short" inputMode="numeric" value={entry.packs} disabled={entry.notDispensed} onChange={(e) => setEntry(line.lineId, { packs: e.target.value.replace(/[^0-9]/g, '').slice(0, 2) })} />
              </Field>
              <Field label="Lot">
                <input className="short" value={entry.batch} maxLength={20} disabled={entry.notDispensed} onChange={(e) => setEntry(line.lineId, { batch: e.target.value })} />
              </Field>
              <DateField label="Péremption" value={entry.expiry} disabled={entry.notDispensed} onChange={(expiry) => setEntry(line.lineId, { expiry })} />
              <label className="inline">
                <input type="checkbox" checked={entry.notDispensed} onChange={(e) => setEntry(line.lineId, { notDispensed: e.target.checked })} /> Non délivré
              </label>
            </div>
            {a?.explanation ? <p className="explanation">{a.explanation}</p> : null}
            <IssuesList issues={assessment?.issues ?? []} lineId={line.lineId} />
          </fieldset>
        );
      })}
      <IssuesList issues={assessment?.issues ?? []} lineId={null} />
      <div className="actions">
        <ActionButton k="F9" primary onClick={() => void forward()}>
          Valider les produits
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void stepBack()}>
          Retour
        </ActionButton>
      </div>
    </div>
  );
}
