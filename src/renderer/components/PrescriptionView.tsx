import type { Prescription, PrescriptionLine } from '../../shared/teleservice/schemas.js';
import { formatDateFr } from '../../shared/format/fr.js';
import { formatNir } from '../../shared/ids/nir.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';

const KIND_LABELS: Record<Prescription['kind'], string> = {
  STANDARD: 'Ordonnance',
  SECURISEE: 'Ordonnance sécurisée',
  EXCEPTION: 'Ordonnance de médicament d’exception',
  BIZONE: 'Ordonnance bizone (ALD)',
};
const NS_REASONS = { MTE: 'marge thérapeutique étroite', EFG: 'enfant, forme galénique', CIF: 'contre-indication formelle' } as const;

/** « Vérification »: the prescription as structured lines, with its prescriber and patient. */
export function PrescriptionView({ prescription: p }: { prescription: Prescription }) {
  return (
    <section className="prescription" aria-labelledby="prescription-title">
      <header>
        <h2 id="prescription-title">
          {KIND_LABELS[p.kind]} n° {formatPrescriptionId(p.id)}
        </h2>
        <dl className="facts">
          <dt>Prescripteur</dt>
          <dd>
            {p.prescriber.name} — RPPS {p.prescriber.rpps}
          </dd>
          <dt>Patient</dt>
          <dd>
            {p.patient.lastName} {p.patient.firstName}, né{p.patient.sex === 'F' ? 'e' : ''} le {formatDateFr(p.patient.birthDate)} — NIR{' '}
            {formatNir(p.patient.nir)}
          </dd>
          <dt>Date</dt>
          <dd>
            {formatDateFr(p.issuedAt)} (première délivrance avant le {formatDateFr(p.validUntil)})
          </dd>
        </dl>
      </header>
      <table className="lines">
        <caption className="visually-hidden">Lignes de l’ordonnance</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Produit</th>
            <th scope="col">Posologie</th>
            <th scope="col">Durée</th>
            <th scope="col">Qté</th>
            <th scope="col">Renouv.</th>
            <th scope="col">Mentions</th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((line, i) => (
            <LineRow key={line.lineId} line={line} index={i} />
          ))}
        </tbody>
      </table>
      {p.notes ? <p className="notes">Note du prescripteur : {p.notes}</p> : null}
    </section>
  );
}

function LineRow({ line, index }: { line: PrescriptionLine; index: number }) {
  return (
    <tr data-testid="prescription-line">
      <td>{index + 1}</td>
      <td>
        {line.product.label}
        <div className="muted">CIP {line.product.cip13}</div>
      </td>
      <td>{line.posology}</td>
      <td>{line.durationDays} j</td>
      <td>{line.quantity}</td>
      <td>{line.repeats}</td>
      <td>
        {!line.substitutable && line.nonSubstitutableReason ? (
          <strong className="ns">
            Non substituable ({line.nonSubstitutableReason} : {NS_REASONS[line.nonSubstitutableReason]})
          </strong>
        ) : null}
        {line.flags.map((f) => (
          <span key={f} className="flag">
            {f}
          </span>
        ))}
      </td>
    </tr>
  );
}
