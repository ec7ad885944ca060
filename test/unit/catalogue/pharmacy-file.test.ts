import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBdpm, readBdpmSource } from '../../../src/main/services/catalogue/bdpm-import.js';
import { importPharmacyFile } from '../../../src/main/services/catalogue/pharmacy-file.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const stores = testStores();
const C1 = '3400930000014';
const C2 = '3400930000021';
const C9 = '3400930000090';
const HEADER =
  'cip13;libelle;forme;unites_par_boite;groupe_generique;liste;contraceptif;biosimilaire;taux_remboursement;prix_eur;tfr_eur;specifique';

/** A two-presentation BDPM (small: the minimum counts are the real files' business). */
function smallBdpm(): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-small-bdpm-'));
  const cis = (c: string, name: string) =>
    `${c}\t${name}\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\t01/01/2000\t\t\tLABO\tNon`;
  const cip = (c: string, cip13: string, pres: string) =>
    `${c}\t${cip13.slice(5, 12)}\t${pres}\tPrésentation active\tDéclaration de commercialisation\t01/01/2010\t${cip13}\toui\t65%\t2,50\t3,52\t1,02\t`;
  writeFileSync(join(dir, 'CIS_bdpm.txt'), [cis('60000001', 'ALPHA 10 mg, comprimé'), cis('60000002', 'BETA 5 mg, comprimé')].join('\n'));
  writeFileSync(
    join(dir, 'CIS_CIP_bdpm.txt'),
    [cip('60000001', C1, 'plaquette(s) de 30 comprimé(s)'), cip('60000002', C2, 'flacon de 100 ml')].join('\n'),
  );
  return dir;
}
const bdpm = (store: Store, dir: string) =>
  importBdpm(store, readBdpmSource(dir), { actor: 'test', minimums: { cis: 0, presentations: 0 } });

describe.each(ENGINES)('the pharmacy’s own file over the BDPM (%s)', (engine) => {
  it('Excel’s quoted cells read right; its non-empty cells win, now and after the next BDPM import; its extra products are FILE and never withdrawn', async () => {
    const store = await stores.open(engine);
    const dir = smallBdpm();
    await bdpm(store, dir);
    const file = [HEADER, `${C1};;;;;;;;;;2,10;1`, `"${C9}";"CRÈME ""MAISON"" ; 50 g";crème;;;;0;0;0;"8,90";;0`, `# a comment line`].join(
      '\r\n',
    );
    expect(await importPharmacyFile(store, file, 'test')).toEqual({ overlaid: 1, added: 1 });
    expect(await store.catalogue.productFacts(C1)).toMatchObject({
      label: expect.stringMatching(/^ALPHA 10 mg/),
      source: 'BDPM',
      priceCents: 250,
    });
    expect((await store.catalogue.product(C1))?.tfrCents).toBe(210);
    expect(await store.catalogue.productFacts(C9)).toMatchObject({
      label: 'CRÈME "MAISON" ; 50 g',
      source: 'FILE',
      priceCents: 890,
      unitsPerPack: null,
    });
    // The next BDPM import: the file's cells stay on top, its own product stays in force.
    await bdpm(store, dir);
    expect((await store.catalogue.product(C1))?.tfrCents).toBe(210);
    expect((await store.catalogue.product(C1))?.specific).toBe(true);
    expect(await store.catalogue.productFacts(C9)).toMatchObject({ source: 'FILE', withdrawn: false });
  });

  it('refuses the whole file for a bad row, naming its lines, and changes nothing', async () => {
    const store = await stores.open(engine);
    await bdpm(store, smallBdpm());
    const file = [HEADER, `${C1};;;;;;;;;;2,10;0`, `3400930000015;X;;;;;;;;;;`, `${C2};;;;;;;;;12.50;;`, `${C9};;;;;;;;;;;`].join('\n');
    await expect(importPharmacyFile(store, file, 'test')).rejects.toMatchObject({
      code: 'CATALOGUE_FILE_BAD_ROWS',
      message: expect.stringMatching(
        /^Fichier de l’officine refusé, rien n’a été importé : ligne 3 : CIP13 invalide .* ; ligne 4 : prix : nombre avec virgule décimale attendu/,
      ),
    });
    expect((await store.catalogue.product(C1))?.tfrCents).toBeNull();
    await expect(importPharmacyFile(store, [HEADER, `${C9};;;;;;;;;;;`].join('\n'), 'test')).rejects.toMatchObject({
      message: expect.stringContaining('sans libellé, ligne(s) 2'),
    });
    await expect(importPharmacyFile(store, 'cip;label\n1;2', 'test')).rejects.toMatchObject({
      message: expect.stringContaining('en-tête attendu'),
    });
  });
});
