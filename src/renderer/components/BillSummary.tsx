import type { CallOutput } from '../../shared/contract/ipc-contract.js';
import { formatEuros } from '../../shared/format/fr.js';

type Bill = CallOutput<'billing.paper'>;

/**
 * What the dispensing costs and who pays it: each product and honoraire line (price, base, rate,
 * part AMO, part AMC, reste à charge), then « Total », « Part AMO », « Part AMC », « Reste à charge ».
 */
export function BillSummary({ bill }: { bill: Bill | null }) {
  if (!bill || bill.lines.length === 0) return null;
  const { totals } = bill;
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
      <dl className="totals" data-testid="bill-totals">
        <div>
          <dt>Total</dt>
          <dd data-testid="total-Total">{formatEuros(totals.totalCents)}</dd>
        </div>
        <div>
          <dt>Part AMO</dt>
          <dd data-testid="total-Part AMO">{formatEuros(totals.amoCents)}</dd>
        </div>
        <div>
          <dt>Part AMC</dt>
          <dd data-testid="total-Part AMC">{formatEuros(totals.amcCents)}</dd>
        </div>
        <div>
          <dt>Reste à charge</dt>
          <dd data-testid="total-Reste à charge">{formatEuros(totals.resteCents)}</dd>
        </div>
      </dl>
    </section>
  );
}
