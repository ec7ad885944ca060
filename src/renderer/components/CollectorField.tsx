import { useCounter } from '../stores/counter-store.js';

/** A stupéfiant is dispensed: who collects it when it is not the patient (written in the ordonnancier). */
export function CollectorField({ shown }: { shown: boolean }) {
  const { collector, setCollector } = useCounter();
  if (!shown) return null;
  return (
    <div className="hard-stop">
      <label htmlFor="collector">
        Stupéfiant retiré par (stupéfiant ou assimilé ; si ce n’est pas le patient : nom, pièce d’identité et son numéro)
      </label>
      <input id="collector" value={collector} maxLength={200} onChange={(e) => setCollector(e.target.value)} />
    </div>
  );
}
