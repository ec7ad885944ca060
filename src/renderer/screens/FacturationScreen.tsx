import { KeyHint } from '../components/KeyHint.js';
import { KeyLegend } from '../components/KeyLegend.js';
import { StatusBar } from '../components/StatusBar.js';
import { useCounter } from '../stores/counter-store.js';
import { OrdonnanceNumeriqueDialog } from './OrdonnanceNumeriqueDialog.js';

/** « Facturation »: where a dispensing happens. */
export function FacturationScreen() {
  const { openOrdonnanceNumerique, lastRead } = useCounter();
  return (
    <div className="screen">
      <header className="app-header">
        <h1>Facturation</h1>
        <StatusBar />
      </header>
      <main className="workspace">
        <section className="panel" aria-labelledby="start-title">
          <h2 id="start-title">Nouvelle délivrance</h2>
          <p>Appelez le patient, puis lisez l’ordonnance numérique.</p>
          <div className="actions">
            <button type="button" onClick={openOrdonnanceNumerique}>
              Ordonnance Numérique <KeyHint k="F3" />
            </button>
          </div>
          {lastRead ? <p className="muted" data-testid="last-read">Dernière lecture : {lastRead}</p> : null}
        </section>
      </main>
      <KeyLegend />
      <OrdonnanceNumeriqueDialog />
    </div>
  );
}
