import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordonnancierPdf, ordonnancierTotals } from '../../../src/main/services/pdf/ordonnancier-pdf.js';
import type { OrdonnancierEntry } from '../../../src/main/services/store/registers.js';

const entry = (number: number, over: Partial<OrdonnancierEntry> = {}): OrdonnancierEntry => ({
  number,
  dispensingId: `d${number}`,
  kind: 'ENTRY',
  refersTo: null,
  recordedAt: '2026-11-20T09:30:00.000Z',
  prescribedOn: '2026-11-18',
  prescriber: 'Dr Anne MARTIN',
  patient: 'DURAND Léa',
  patientNir: '279035121518989',
  cip13: '3400930000014',
  product: 'AMOXICILLINE 1 g',
  list: 'I',
  packs: 2,
  collector: null,
  patientAddress: '12 rue des Lilas, 69003 Lyon',
  prescriberAddress: '4 cours Gambetta, 69007 Lyon',
  ...over,
});

/** The PDF as a reader of the register sees it: pdftotext's words, pages split on form feeds. */
function printed(bytes: Uint8Array): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'ordonnancier-')), 'o.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .split('\f')
    .filter((p) => p.trim())
    .map((p) => p.replace(/\s+/g, ' '));
}

describe('the ordonnancier printed (pdf-lib, read back by pdftotext)', () => {
  const pharmacy = { name: 'Pharmacie du Marché', finess: '690000001', address: '3 place du Marché, 69003 Lyon' };

  it('carries the pharmacy, the period, each entry with both addresses, the totals net of cancellations, and « page n / N » on every page', async () => {
    const entries = [
      ...Array.from({ length: 60 }, (_, i) => entry(i + 1)),
      entry(61, {
        cip13: '3400936000016',
        product: 'SKENAN LP 30 mg',
        list: 'STUPEFIANT',
        packs: 1,
        collector: 'Paul DURAND, CNI 123456789',
        patientAddress: null,
        prescriberAddress: null,
      }),
      entry(62, { kind: 'CANCELLATION', refersTo: 1, packs: -2 }),
    ];
    const pages = printed(await ordonnancierPdf(entries, { pharmacy, period: 'du 01/11/2026 au 30/11/2026' }));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => expect(page).toContain(`page ${i + 1} / ${pages.length}`));
    const all = pages.join(' ');
    for (const text of [
      'Pharmacie du Marché',
      '3 place du Marché, 69003 Lyon',
      'FINESS 690000001',
      'période : du 01/11/2026 au 30/11/2026',
    ])
      expect(pages[0]).toContain(text);
    expect(all).toContain('Patient : DURAND Léa, 12 rue des Lilas, 69003 Lyon');
    expect(all).toContain('Prescripteur : Dr Anne MARTIN, 4 cours Gambetta, 69007 Lyon — ordonnance du 18/11/2026');
    expect(all).toContain('Patient : DURAND Léa, adresse inconnue — retiré par Paul DURAND, CNI 123456789');
    expect(all).toContain('ANNULATION du n° 1');
    expect(all).toContain('61 enregistrement(s), 1 annulation(s)');
    // 60 × 2 boxes, one of the entries cancelled: 118.
    expect(all).toContain('AMOXICILLINE 1 g (CIP 3400930000014, liste I) : 118 boîte(s)');
    expect(all).toContain('SKENAN LP 30 mg (CIP 3400936000016, stupéfiant) : 1 boîte(s)');
  });

  it('an empty period prints one page that says so in its totals', async () => {
    const pages = printed(
      await ordonnancierPdf([], { pharmacy: { name: 'Officine', finess: '—' }, period: 'du 01/12/2026 au 06/12/2026' }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('0 enregistrement(s), 0 annulation(s)');
    expect(pages[0]).toContain('page 1 / 1');
    expect(ordonnancierTotals([]).byProduct).toEqual([]);
  });
});
