import type { ReactNode } from 'react';
import type { CallOutput } from '../../shared/contract/ipc-contract.js';
import { formatEuros } from '../../shared/format/fr.js';

type Bill = CallOutput<'billing.paper'>;

/**
 * What the dispensing costs and who pays it: each product and honoraire line (price, base, rate,
 * part AMO, part AMC, reste à charge). The totals stay in sight in the MoneyFooter.
 */
export function BillSummary({ bill }: { bill: Bill | null }) {
  if (!bill || bill.lines.length === 0) return null;
  return (
    <section className="bill" aria-labelledby="bill-title" data-testid="bill">
      <h3 id="bill-title">Montants</h3>
      <table className="lines summary">
        <caption className="visually-hidden">Montants ligne par ligne</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Prix</th>
            <th scope="col">Base</th>
            <th scope="col">Taux</th>
            <th scope="col">Part AMO</th>
            <th scope="col">Part AMC</th>
            <th scope="col">Reste à charge</th>
          </tr>
        </thead>
        <tbody>
          {bill.lines.map((l, i) => (
            <tr key={i} data-testid={l.kind === 'honoraire' ? 'bill-honoraire' : 'bill-line'}>
              <td>
                {l.code ? `${l.code} — ` : ''}
                {l.label}
                {l.packs > 1 ? ` × ${l.packs}` : ''}
                {l.note ? <div className="warn-message">{l.note}</div> : null}
              </td>
              <td>{formatEuros(l.priceCents)}</td>
              <td>{formatEuros(l.baseCents)}</td>
              <td>{l.rate} %</td>
              <td>{formatEuros(l.amoCents)}</td>
              <td>{formatEuros(l.amcCents)}</td>
              <td>{formatEuros(l.resteCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const TOTALS = [
  ['Total', 'totalCents'],
  ['Part AMO', 'amoCents'],
  ['Part AMC', 'amcCents'],
  ['Reste à charge', 'resteCents'],
  ['Net à payer', 'advanceCents'],
] as const;

/**
 * The money always in sight: a footer fixed at the bottom of the window, whatever the number of
 * lines — « Total », « Part AMO », « Part AMC », « Reste à charge » and « Net à payer » (what the
 * patient pays now: what no tiers payant covers, a refused generic's difference included) — beside
 * the step's keys.
 */
export function MoneyFooter({ bill, children }: { bill: Bill | null; children: ReactNode }) {
  const totals = bill && bill.lines.length > 0 ? bill.totals : null;
  return (
    <footer className="money-footer" data-testid="money-footer">
      {totals ? (
        <dl className="totals" data-testid="bill-totals">
          {TOTALS.map(([label, key]) => (
            <div key={label} className={key === 'advanceCents' ? 'net' : undefined}>
              <dt>{label}</dt>
              <dd data-testid={`total-${label}`}>{formatEuros(totals[key])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="actions">{children}</div>
    </footer>
  );
}
