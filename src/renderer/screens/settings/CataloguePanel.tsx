import { useEffect, useRef } from 'react';
import { formatDateTimeFr } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { useOpenFileKey } from '../../keyboard/use-open-file-key.js';
import { useCatalogue } from '../../stores/catalogue-store.js';

const SOURCE = {
  BDPM: 'Base de Données Publique des Médicaments (ANSM, Licence Ouverte)',
  FILE: 'fichier de l’officine',
  SAMPLE: 'catalogue d’exemple (démonstration)',
} as const;
const n = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

/**
 * « Catalogue »: the base in force (its source and date, its counts, the last import's summary);
 * Ctrl+O imports a .zip of the BDPM or the pharmacy's own file, with a progress bar; a refusal in one
 * sentence leaves the catalogue as it was.
 */
export function CataloguePanel() {
  const c = useCatalogue();
  const file = useRef<HTMLInputElement>(null);
  useOpenFileKey(file);
  useEffect(() => void c.load(), []);
  const v = c.view;
  if (!v) return <p>Chargement…</p>;
  return (
    <>
      <dl className="facts" data-testid="catalogue">
        <dt>Source</dt>
        <dd>{v.source ? SOURCE[v.source] : 'aucune : le catalogue est vide'}</dd>
        <dt>Présentations</dt>
        <dd>
          {n(v.inForce)} en vigueur (BDPM {n(v.bySource.BDPM)}, officine {n(v.bySource.FILE)}, exemple {n(v.bySource.SAMPLE)}) ;{' '}
          {n(v.withdrawn)} retirées de la base, gardées pour l’historique
        </dd>
        <dt>Dernier import</dt>
        <dd>
          {v.last
            ? `${formatDateTimeFr(v.last.at)}${v.last.publishedOn ? `, publication du ${v.last.publishedOn.split('-').reverse().join('/')}` : ''}`
            : 'aucun'}
        </dd>
      </dl>
      {v.last && c.lines.length === 0 && !c.error ? (
        <ul className="muted" aria-label="Résumé du dernier import">
          {v.last.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
      {c.busy ? (
        <p>
          <label htmlFor="catalogue-progress">Import en cours</label>{' '}
          <progress id="catalogue-progress" data-testid="catalogue-progress" max={c.progress?.total ?? 1} value={c.progress?.done ?? 0} />
        </p>
      ) : null}
      <div role="status" aria-live="polite" data-testid="catalogue-summary">
        {c.lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
      <p className="error" role="alert">
        {c.error}
      </p>
      <input
        ref={file}
        type="file"
        accept=".zip,.csv,.txt,application/zip,text/csv,text/plain"
        hidden
        aria-label="Base des médicaments (zip) ou fichier de l’officine"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) void c.importChosen(chosen);
        }}
      />
      <div className="actions">
        <ActionButton k="Ctrl+O" onClick={() => file.current?.click()} disabled={c.busy}>
          Importer la BDPM (zip) ou le fichier de l’officine
        </ActionButton>
      </div>
    </>
  );
}
