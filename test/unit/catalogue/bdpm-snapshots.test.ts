import { describe, expect, it } from 'vitest';
import { importBdpm, readBdpmSource } from '../../../src/main/services/catalogue/bdpm-import.js';
import { runComptoir } from '../../helpers/processes.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { snapshot } from '../../helpers/bdpm-snapshots.js';

const stores = testStores();

describe.each(ENGINES)('the real BDPM snapshots imported (%s)', (engine) => {
  it('2017 then 2026: facts checked by hand in the files; products gone from the base withdrawn, never deleted; the demo sample withdrawn at the first import', async () => {
    const store = await stores.open(engine);
    expect((await store.catalogueImports.counts()).SAMPLE).toBeGreaterThan(0);
    const first = await importBdpm(store, readBdpmSource(snapshot('2017-03-18')), { actor: 'test' });
    expect(first.files.map((f) => [f.file, f.encoding, f.setAside])).toEqual([
      ['CIS_bdpm.txt', 'Windows-1252', 0],
      ['CIS_CIP_bdpm.txt', 'Windows-1252', 0],
      ['CIS_GENER_bdpm.txt', 'Windows-1252', 0],
      ['CIS_CPD_bdpm.txt', 'Windows-1252', 0],
    ]);
    // Every presentation is in: new, or (a sample's code that happens to be real) changed into the BDPM's.
    expect(first.changes.added + first.changes.changed).toBe(20_083);
    expect((await store.catalogueImports.counts()).SAMPLE).toBe(0);

    const second = await importBdpm(store, readBdpmSource(snapshot('2026-01-28')), { actor: 'test', publishedOn: '2026-01-28' });
    expect(second.changes.withdrawn).toBeGreaterThan(1000);
    // A stupéfiant (CPD « stupéfiants »), its units read through a doubled space.
    expect(await store.catalogue.productFacts('3400936155640')).toMatchObject({
      cis: '60047182',
      label: expect.stringMatching(/^CONCERTA LP 54 mg, comprimé à libération prolongée — /),
      regulatory: 'STUPEFIANT',
      unitsPerPack: 28,
      priceCents: 2121,
      reimbursementRate: 65,
      source: 'BDPM',
      withdrawn: false,
    });
    // An empty price is none, never 0.
    expect(await store.catalogue.productFacts('3400955074199')).toMatchObject({ priceCents: null, unitsPerPack: null });
    const third = await importBdpm(store, readBdpmSource(snapshot('2026-07-24')), { actor: 'test' });
    expect(third.files.map((f) => [f.file, f.encoding])).toEqual([
      ['CIS_bdpm.txt', 'Windows-1252'],
      ['CIS_CIP_bdpm.txt', 'UTF-8'],
      ['CIS_GENER_bdpm.txt', 'Windows-1252'],
    ]);
    // A price over 1 000 €, with its HD3 pack fee.
    expect(await store.catalogue.productFacts('3400927849800')).toMatchObject({
      priceCents: 146_629,
      packFeeCents: 276,
      reimbursementRate: 30,
      unitsPerPack: 90,
      marketed: true,
    });
    // « ’ » from Windows-1252's 0x92 (never U+0092).
    expect((await store.catalogue.productFacts('3400955087502'))?.label).toMatch(
      /^CARMIN D’INDIGO PROVINGO 40 mg\/5 mL, solution injectable — /,
    );
    // A generic group: the princeps (type 0) and a generic (type 1), group id as a string.
    expect(await store.catalogue.productFacts('3400956114702')).toMatchObject({ genericGroups: [{ id: '359', type: 0 }] });
    // A CIS may stand in two groups (358 and 359 here).
    expect(await store.catalogue.productFacts('3400956752577')).toMatchObject({
      genericGroups: expect.arrayContaining([{ id: '359', type: 1 }]),
    });
    // A princeps found by its group's common name: « zolpidem » finds STILNOX beside the generics.
    const zolpidem = (await store.catalogue.search('zolpidem', 50)).map((p) => p.label);
    expect(zolpidem).toEqual(expect.arrayContaining([expect.stringMatching(/^STILNOX 10 mg/), expect.stringMatching(/^ZOLPIDEM /)]));
    const counts = await store.catalogueImports.counts();
    expect(counts.BDPM).toBe(20_874);
    expect(await store.audit.verify()).toMatchObject({ ok: true, entries: 3 });
  }, 120_000);
});

describe.each(ENGINES)('a refused import (%s)', (engine) => {
  it('leaves the catalogue as it was, and is audited with its code', async () => {
    const store = await stores.open(engine);
    const before = await store.catalogueImports.counts();
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bdpm-partial-'));
    writeFileSync(join(dir, 'CIS_bdpm.txt'), readFileSync(join(snapshot('2026-07-24'), 'CIS_bdpm.txt')));
    await expect(importBdpm(store, readBdpmSource(dir), { actor: 'test' })).rejects.toMatchObject({
      code: 'CATALOGUE_FILE_MISSING',
      message: 'Fichier CIS_CIP_bdpm.txt absent du dossier de la BDPM : rien n’a été importé.',
    });
    // A truncated download: too small.
    writeFileSync(join(dir, 'CIS_CIP_bdpm.txt'), readFileSync(join(snapshot('2026-07-24'), 'CIS_CIP_bdpm.txt')).subarray(0, 200_000));
    await expect(importBdpm(store, readBdpmSource(dir), { actor: 'test' })).rejects.toMatchObject({
      code: expect.stringMatching(/^CATALOGUE_(TOO_SMALL|TOO_MANY_BAD_ROWS)$/),
    });
    expect(await store.catalogueImports.counts()).toEqual(before);
    expect(await store.catalogueImports.last()).toBeNull();
    const audit = await store.engine.db.selectFrom('audit_log').select(['action', 'details_json']).orderBy('seq').execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.details_json).code])).toEqual([
      ['catalogue.import_refused', 'CATALOGUE_FILE_MISSING'],
      ['catalogue.import_refused', expect.any(String)],
    ]);
  }, 60_000);
});

describe('comptoir catalogue on a counter’s file', () => {
  it('imports a folder, shows a product with the spec’s keys, says its status; an unknown CIP13 is one sentence and exit 1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-catalogue-'));
    const imported = await runComptoir([
      'catalogue',
      'import',
      '--bdpm',
      snapshot('2026-07-24'),
      '--date',
      '2026-07-24',
      '--data-dir',
      dataDir,
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('CIS_CIP_bdpm.txt : UTF-8, 20 874 lignes lues, 20 874 gardées, 0 écartée(s)');
    expect(imported.stdout).toContain('Produits : 20 874 ajoutés, 0 modifiés, 0 retirés.');
    const shown = await runComptoir(['catalogue', 'show', '3400927849800', '--json', '--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    expect(Object.keys(JSON.parse(shown.stdout)).sort()).toEqual(
      [
        'abrogatedOn',
        'cip13',
        'cip7',
        'cis',
        'form',
        'genericGroups',
        'label',
        'marketed',
        'packFeeCents',
        'priceCents',
        'regulatory',
        'reimbursementRate',
        'source',
        'unitsPerPack',
        'withdrawn',
      ].sort(),
    );
    const status = await runComptoir(['catalogue', 'status', '--data-dir', dataDir]);
    expect(status.stdout).toMatch(
      /^Source : BDPM \(ANSM, Licence Ouverte\)\nPrésentations : 20 874 en vigueur .*\nDernier import : \d{4}-\d{2}-\d{2} \(BDPM\), publication du 2026-07-24\n/,
    );
    const unknown = await runComptoir(['catalogue', 'show', '3400000000000', '--json', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^(Produit inconnu du catalogue|CIP13 invalide)/);
  }, 60_000);
});
