import { useEffect, useRef } from 'react';
import type { ClaimsOverview } from '../../shared/contract/claims-contract.js';
import { formatDateFr, formatDateTimeFr, formatEuros } from '../../shared/format/fr.js';
import { ActionButton } from '../components/ActionButton.js';
import { KeyHint } from '../components/KeyHint.js';
import { CLAIMS_TABS, CLAIMS_TAB_LABELS, useClaims } from '../stores/claims-store.js';

const OUTCOMES = {
  PAYE: 'Payée',
  PAYE_PARTIEL: 'Payée partiellement',
  REJETE: 'Rejetée',
  TRAITEMENT_CAISSE: 'Traitement caisse',
  PAYE_ASSURE: 'Payée à l’assuré',
} as const;
const STATES = {
  A_TRANSMETTRE: 'À transmettre',
  EN_LOT: 'En lot',
  TRANSMISE: 'Transmise',
  ARL_POSITIF: 'ARL positif',
  ANNULEE: 'Annulée',
} as const;
const TIERS_PAYANT = { NONE: 'patient payant', AMO: 'tiers payant AMO', AMO_AMC: 'tiers payant AMO + AMC' } as const;
const LOT_STATES = { PENDING: 'en attente d’envoi', SENT: 'reçu par la caisse', REFUSED: 'refusé' } as const;

/** F7 « Télétransmission »: tabs « À transmettre », « Lots », « Retours », « Rejets », and the figures always in view. */
export function TeletransmissionDialog() {
  const c = useClaims();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (c.open) title.current?.focus();
  }, [c.open]);
  if (!c.open) return null;
  const o = c.overview;
  return (
    <div className="dialog-backdrop">
      <div className="dialog claims-dialog" role="dialog" aria-modal="true" aria-labelledby="claims-title">
        <h1 id="claims-title" ref={title} tabIndex={-1}>
          Télétransmission <KeyHint k="F7" />
        </h1>
        {o ? <Figures figures={o.figures} /> : <p>Chargement…</p>}
        <div className="actions">
          <ActionButton k="Alt+T" onClick={() => void c.transmit()} disabled={c.busy}>
            Télétransmettre
          </ActionButton>
          <ActionButton k="Alt+L" onClick={() => void c.readMailbox()} disabled={c.busy}>
            Lire les retours
          </ActionButton>
          <ActionButton k="Échap" onClick={c.close}>
            Fermer
          </ActionButton>
        </div>
        {c.message ? (
          <p className="claims-message" data-testid="claims-message">
            {c.message}
          </p>
        ) : null}
        <div role="tablist" aria-label="Télétransmission" className="tabs">
          {CLAIMS_TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`claims-tab-${t}`}
              aria-selected={c.tab === t}
              aria-controls="claims-panel"
              tabIndex={c.tab === t ? 0 : -1}
              onClick={() => useClaims.setState({ tab: t, selected: 0 })}
            >
              {CLAIMS_TAB_LABELS[t]}
              {o ? ` (${countOf(o, t)})` : ''}
            </button>
          ))}
          <KeyHint k="←" />
          <KeyHint k="→" />
        </div>
        <div id="claims-panel" role="tabpanel" aria-labelledby={`claims-tab-${c.tab}`} data-testid="claims-panel">
          {o ? <Panel overview={o} /> : null}
        </div>
      </div>
    </div>
  );
}

function countOf(o: ClaimsOverview, tab: (typeof CLAIMS_TABS)[number]): number {
  return { A_TRANSMETTRE: o.toSend.length, LOTS: o.lots.length, RETOURS: o.answers.length, REJETS: o.rejects.length }[tab];
}

const ageing = (a: ClaimsOverview['figures']['pendingAmo']): string =>
  `${formatEuros(a.total)} (0–7 j : ${formatEuros(a.days0to7)} ; 8–30 j : ${formatEuros(a.days8to30)} ; plus de 30 j : ${formatEuros(a.over30)})`;

/** The figures claims.md names, always on this screen. */
function Figures({ figures: f }: { figures: ClaimsOverview['figures'] }) {
  const rate = f.rejects.rate === null ? '—' : `${(f.rejects.rate * 100).toFixed(1).replace('.', ',')} %`;
  return (
    <dl className="claims-figures" data-testid="claims-figures">
      <div>
        <dt>Montant en attente AMO</dt>
        <dd data-testid="figure-pending-amo">{ageing(f.pendingAmo)}</dd>
      </div>
      <div>
        <dt>Montant en attente AMC</dt>
        <dd data-testid="figure-pending-amc">{ageing(f.pendingAmc)}</dd>
      </div>
      <div>
        <dt>Payé ce mois-ci</dt>
        <dd data-testid="figure-paid">{formatEuros(f.paidThisMonthCents)}</dd>
      </div>
      <div>
        <dt>Rejets</dt>
        <dd data-testid="figure-rejects">
          {f.rejects.count} ({formatEuros(f.rejects.amountCents)})
        </dd>
      </div>
      <div>
        <dt>Taux de rejet</dt>
        <dd data-testid="figure-reject-rate">{rate}</dd>
      </div>
      <div>
        <dt>Écarts</dt>
        <dd data-testid="figure-gaps">{formatEuros(f.gapsCents)}</dd>
      </div>
      <div>
        <dt>Majorations de retard</dt>
        <dd data-testid="figure-late-fees">{formatEuros(f.lateFeesCents)}</dd>
      </div>
      <div>
        <dt>Lots sans ARL</dt>
        <dd data-testid="figure-lots-without-arl" className={f.lotsWithoutArl > 0 ? 'warn' : undefined}>
          {f.lotsWithoutArl}
        </dd>
      </div>
      <div>
        <dt>FSE non transmises à temps</dt>
        <dd data-testid="figure-late-fses" className={f.lateFses.patientPaid + f.lateFses.tiersPayant > 0 ? 'warn' : undefined}>
          {f.lateFses.patientPaid} après 3 jours ouvrés (patient payant), {f.lateFses.tiersPayant} après 8 (tiers payant)
        </dd>
      </div>
      {f.virementGaps > 0 ? (
        <div>
          <dt>Écart de virement</dt>
          <dd className="warn">{f.virementGaps}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Panel({ overview: o }: { overview: ClaimsOverview }) {
  const { tab, selected } = useClaims();
  if (tab === 'A_TRANSMETTRE')
    return o.toSend.length === 0 ? (
      <p>Aucune FSE à transmettre.</p>
    ) : (
      <>
        <p className="muted">
          ↑ ↓ choisir, <KeyHint k="Alt+R" /> Renvoyer une FSE en attente d’une correction (après la correction)
        </p>
        <table className="claims-table">
          <thead>
            <tr>
              <th>FSE</th>
              <th>Patient</th>
              <th>Délivrée le</th>
              <th>AMO</th>
              <th>AMC</th>
              <th>État</th>
            </tr>
          </thead>
          <tbody>
            {o.toSend.map((f, i) => (
              <tr
                key={f.fseNumber}
                data-testid="claims-to-send"
                aria-selected={i === selected}
                className={[f.late ? 'warn' : '', i === selected ? 'chosen' : ''].join(' ').trim() || undefined}
              >
                <td>{f.fseNumber}</td>
                <td>{f.patient}</td>
                <td>{formatDateFr(f.dispensedOn)}</td>
                <td>{formatEuros(f.amoCents)}</td>
                <td>{formatEuros(f.amcCents)}</td>
                <td>
                  {STATES[f.state]} — {TIERS_PAYANT[f.tiersPayant]}
                  {f.recycled ? ' — recyclée' : ''}
                  {f.problem ? <strong className="warn"> — {f.problem}</strong> : null}
                  {f.late ? <strong className="warn"> — en retard</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  if (tab === 'LOTS')
    return o.lots.length === 0 ? (
      <p>Aucun lot.</p>
    ) : (
      <>
        <p className="muted">
          ↑ ↓ choisir, <KeyHint k="F8" /> imprimer son bordereau
        </p>
        <table className="claims-table">
          <thead>
            <tr>
              <th>Lot</th>
              <th>Organisme</th>
              <th>FSE</th>
              <th>Montant</th>
              <th>Envoi</th>
              <th>ARL</th>
            </tr>
          </thead>
          <tbody>
            {o.lots.map((l, i) => (
              <tr key={l.lotId} data-testid="claims-lot" aria-selected={i === selected} className={i === selected ? 'chosen' : undefined}>
                <td>n° {l.lotNumber}</td>
                <td>{l.destination}</td>
                <td>{l.fseCount}</td>
                <td>{formatEuros(l.totalCents)}</td>
                <td>
                  {LOT_STATES[l.state]}
                  {l.receivedAt ? ` le ${formatDateTimeFr(l.receivedAt)}` : ''}
                  {l.lastErrorMessage ? ` — ${l.lastErrorMessage}` : ''}
                </td>
                <td>
                  {l.arl === null ? 'en attente' : l.arl === 'POSITIF' ? 'ARL positif' : 'ARL négatif'}
                  {l.arlReasons.length > 0 ? ` — ${l.arlReasons.map((r) => `${r.code} : ${r.message}`).join(' ; ')} (FSE renvoyées)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  if (tab === 'RETOURS')
    return (
      <>
        <h2>Virements</h2>
        {o.virements.length === 0 ? (
          <p>Aucun virement.</p>
        ) : (
          <ul>
            {o.virements.map((v) => (
              <li key={v.virementId} data-testid="claims-virement" className={v.matches ? undefined : 'warn'}>
                {formatDateFr(v.date)} — {v.payer} {v.organisme} — {formatEuros(v.totalCents)} pour {v.items} FSE —{' '}
                {v.matches ? 'rapproché' : 'Écart de virement'}
              </li>
            ))}
          </ul>
        )}
        <h2>Retours NOEMIE</h2>
        {o.answers.length === 0 ? (
          <p>Aucun retour.</p>
        ) : (
          <table className="claims-table">
            <thead>
              <tr>
                <th>FSE</th>
                <th>Payeur</th>
                <th>Résultat</th>
                <th>Demandé</th>
                <th>Payé</th>
                <th>Majoration</th>
                <th>Date</th>
              </tr>
            </thead>
            <tbody>
              {o.answers.map((a) => (
                <tr key={a.seq} data-testid="claims-answer">
                  <td>{a.fseNumber}</td>
                  <td>{a.payer}</td>
                  <td>
                    {OUTCOMES[a.outcome]}
                    {a.rejectCode ? ` (${a.rejectCode})` : ''}
                  </td>
                  <td>{formatEuros(a.requestedCents)}</td>
                  <td>{formatEuros(a.paidCents)}</td>
                  <td>{formatEuros(a.lateFeeCents)}</td>
                  <td>{a.paymentDate ? formatDateFr(a.paymentDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  return o.rejects.length === 0 ? (
    <p>Aucun rejet.</p>
  ) : (
    <>
      <p className="muted">
        ↑ ↓ choisir, <KeyHint k="Alt+R" /> Recycler (après la correction)
      </p>
      <ul role="listbox" aria-label="Rejets" className="claims-rejects">
        {o.rejects.map((r, i) => (
          <li key={r.fseNumber} role="option" aria-selected={i === selected} data-testid="claims-reject">
            <strong>
              FSE {r.fseNumber} — {r.patient} — {formatDateFr(r.dispensedOn)} — {r.payer} {r.code} « {r.label} » —{' '}
              {formatEuros(r.amountCents)}
            </strong>
            <br />
            <span>{r.whatToCorrect}</span>
          </li>
        ))}
      </ul>
      <ActionButton k="Alt+R" onClick={() => void useClaims.getState().recycle()} disabled={!o.rejects[selected]?.canRecycle}>
        Recycler
      </ActionButton>
    </>
  );
}
