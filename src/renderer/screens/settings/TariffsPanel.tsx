import { useRef } from 'react';
import { formatDateFr, formatEuros } from '../../../shared/format/fr.js';
import { ActionButton } from '../../components/ActionButton.js';
import { useOpenFileKey } from '../../keyboard/use-open-file-key.js';
import { useSettings } from '../../stores/settings-store.js';

const LABELS: Record<string, string> = {
  HD: 'Honoraire de dispensation, par boîte de médicament remboursable',
  HD3: 'Honoraire de dispensation, par boîte d’un conditionnement trimestriel (au lieu de HD)',
  HDR: 'Honoraire par ordonnance de médicaments remboursables',
  HDA: 'Honoraire par ordonnance, patient de moins de 3 ans ou de 70 ans et plus',
  HDE: 'Honoraire par ordonnance comportant un médicament spécifique',
  HDC: 'Honoraire d’ordonnance complexe (5 lignes remboursables et plus)',
};

/**
 * « Tarifs »: the honoraires in force today and where each comes from (the defaults of billing.md, or
 * the pharmacy's file); Ctrl+O imports a file `code;montant_eur;taux;depuis`, all or nothing.
 */
export function TariffsPanel() {
  const { tariffs: t, importTariffs } = useSettings();
  const file = useRef<HTMLInputElement>(null);
  useOpenFileKey(file);
  if (!t) return <p>Chargement…</p>;
  return (
    <>
      <table className="lines" aria-label="Tarifs en vigueur" data-testid="tariffs">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Honoraire</th>
            <th scope="col">Montant</th>
            <th scope="col">Pris en charge</th>
            <th scope="col">Depuis le</th>
            <th scope="col">Origine</th>
          </tr>
        </thead>
        <tbody>
          {t.inForce.map((tariff) => (
            <tr key={tariff.code}>
              <td>{tariff.code}</td>
              <td>{LABELS[tariff.code] ?? tariff.code}</td>
              <td>{formatEuros(tariff.amountCents)}</td>
              <td>{tariff.rate === 'line' ? 'au taux de la ligne' : `${tariff.rate} %`}</td>
              <td>{formatDateFr(tariff.since)}</td>
              <td>{tariff.origin === 'default' ? 'par défaut' : 'fichier de l’officine'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t.imported.length === 0
          ? 'Aucun tarif importé : les montants par défaut s’appliquent.'
          : `${t.imported.length} tarif(s) importé(s), chacun à partir de sa date.`}
      </p>
      <input
        ref={file}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        hidden
        aria-label="Fichier de tarifs"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) void chosen.text().then(importTariffs);
        }}
      />
      <div className="actions">
        <ActionButton k="Ctrl+O" onClick={() => file.current?.click()}>
          Importer un fichier de tarifs
        </ActionButton>
      </div>
    </>
  );
}
