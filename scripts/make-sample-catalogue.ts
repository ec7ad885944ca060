// Writes fixtures/catalogue/sample-catalogue.csv (SAMPLE DATA) from src/shared/demo/sample-catalogue.ts,
// in the importer's documented format. Run: npx tsx scripts/make-sample-catalogue.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { CATALOGUE_HEADER } from '../src/main/services/store/catalogue-csv.js';
import { sampleCatalogue } from '../src/shared/demo/sample-catalogue.js';

const euros = (cents: number): string => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const rows = sampleCatalogue().map((p) =>
  [
    p.cip13,
    p.label,
    p.form,
    p.packSize,
    p.genericGroup ?? '',
    p.list ?? '',
    p.contraceptive ? 1 : 0,
    p.biosimilar ? 1 : 0,
    p.reimbursementRate,
    euros(p.priceCents),
  ].join(';'),
);
mkdirSync('fixtures/catalogue', { recursive: true });
writeFileSync(
  'fixtures/catalogue/sample-catalogue.csv',
  `${CATALOGUE_HEADER.join(';')}\n# DONNÉES D'EXEMPLE — codes CIP13 fictifs, non issus de la base des médicaments\n${rows.join('\n')}\n`,
);
console.log(`${rows.length} products written`);
