import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBdpm, readBdpmSource } from '../../../src/main/services/catalogue/bdpm-import.js';
import { lineAlternatives } from '../../../src/main/services/counter/line-alternatives.js';
import { measureLine } from '../../../src/shared/rules/line-units.js';
import { productChange } from '../../../src/shared/rules/product-change.js';
import type { PrescriptionLine } from '../../../src/shared/teleservice/schemas.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

/** A line prescribing one pack of that product, 30 days. */
const line = (cip13: string): PrescriptionLine => ({
  lineId: 'L1',
  kind: 'MEDICINE',
  product: { cip13, label: 'x', unitsPerPack: 30 },
  posology: '1 par jour',
  durationDays: 30,
  quantity: 1,
  repeats: 0,
  narcotic: false,
  fractionDays: null,
  substitutable: true,
  nonSubstitutableReason: null,
  flags: [],
  dispensings: [],
});

const stores = testStores();
/** Valid EAN-13 keys: a princeps, two generics of its size, a generic of another size, another princeps of the group. */
const [PRINCEPS, GEN_DEAR, GEN_CHEAP, GEN_90, PRINCEPS_2] = [
  '3400930000014',
  '3400930000021',
  '3400930000038',
  '3400930000045',
  '3400930000052',
];
/** A generic the répertoire puts in two groups, group 13 first: it still substitutes in group 12. */
const GEN_TWO_GROUPS = '3400930000069';

/** A small BDPM: group 12 holds them all; `withCheap` false drops the cheap generic (withdrawn at the next import). */
function bdpm(withCheap: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-generics-'));
  const cis = (c: string, name: string) =>
    `${c}\t${name}\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\t01/01/2000\t\t\tLABO\tNon`;
  const cip = (c: string, cip13: string, units: number, price: string) =>
    `${c}\t${cip13.slice(5, 12)}\tplaquette(s) de ${units} comprimé(s)\tPrésentation active\tDéclaration de commercialisation\t01/01/2010\t${cip13}\toui\t65%\t${price}\t\t1,02\t`;
  const rows: [string, string, string, number, string, number][] = [
    ['60000001', 'PRINCEPS 10 mg, comprimé', PRINCEPS, 30, '9,80', 0],
    ['60000002', 'MOLECULE BIOGARAN 10 mg, comprimé', GEN_DEAR, 30, '4,20', 1],
    ['60000003', 'MOLECULE SANDOZ 10 mg, comprimé', GEN_CHEAP, 30, '3,10', 1],
    ['60000004', 'MOLECULE ARROW 10 mg, comprimé', GEN_90, 90, '8,90', 1],
    ['60000005', 'PRINCEPS BIS 10 mg, comprimé', PRINCEPS_2, 30, '9,50', 0],
    ['60000006', 'MOLECULE EG 10 mg, comprimé', GEN_TWO_GROUPS, 30, '3,90', 1],
  ];
  const kept = rows.filter((r) => withCheap || r[2] !== GEN_CHEAP);
  writeFileSync(join(dir, 'CIS_bdpm.txt'), kept.map(([c, name]) => cis(c, name)).join('\n'));
  writeFileSync(join(dir, 'CIS_CIP_bdpm.txt'), kept.map(([c, , code, units, price]) => cip(c, code, units, price)).join('\n'));
  const gener = kept.map(([c, , , , , type], i) => `12\tMOLECULE 10 mg\t${c}\t${type}\t${i + 1}`);
  // Its first group (the one the `generic_group` column keeps) is 13.
  gener.unshift('13\tMOLECULE 10 mg LP\t60000006\t1\t1');
  writeFileSync(join(dir, 'CIS_GENER_bdpm.txt'), gener.join('\n'));
  return dir;
}

describe.each(ENGINES)('a line’s generics from the répertoire (%s)', (engine) => {
  it('a princeps’ substitutes are its group’s types 1, 2 and 4 of its size, cheapest first; another princeps or size is another pack; a withdrawn one is never offered', async () => {
    const store = await stores.open(engine);
    const options = { actor: 'test', minimums: { cis: 0, presentations: 0 } };
    await importBdpm(store, readBdpmSource(bdpm(true)), options);
    const counter = { alternatives: (cip13: string) => lineAlternatives(store.catalogue, cip13) };
    expect((await counter.alternatives(PRINCEPS)).map((a) => [a.cip13, a.relation])).toEqual([
      [PRINCEPS, 'prescribed'],
      [GEN_CHEAP, 'generic'],
      [GEN_TWO_GROUPS, 'generic'],
      [GEN_DEAR, 'generic'],
      [PRINCEPS_2, 'other-pack'],
      [GEN_90, 'other-pack'],
    ]);
    // The rules agree: dispensing it for the princeps is a substitution inside the group, not a product outside it.
    const facts = await store.catalogue.factsFor([PRINCEPS, GEN_TWO_GROUPS]);
    expect(
      productChange(
        line(PRINCEPS),
        facts.facts(PRINCEPS),
        [{ cip13: GEN_TWO_GROUPS, facts: facts.facts(GEN_TWO_GROUPS) }],
        measureLine(line(PRINCEPS), facts),
        false,
      ),
    ).toMatchObject({ type: 'GENERIC_SUBSTITUTION', outsideRight: false });
    // What each is, from the répertoire only: a princeps is never called « générique ».
    expect(Object.fromEntries((await counter.alternatives(PRINCEPS)).map((a) => [a.cip13, a.kind]))).toEqual({
      [PRINCEPS]: 'princeps',
      [GEN_CHEAP]: 'generic',
      [GEN_TWO_GROUPS]: 'generic',
      [GEN_DEAR]: 'generic',
      [PRINCEPS_2]: 'princeps',
      [GEN_90]: 'generic',
    });
    // A generic prescribed: the other generic of its size substitutes; the princeps are other packs, named so.
    expect((await counter.alternatives(GEN_DEAR)).map((a) => [a.cip13, a.relation, a.kind])).toEqual([
      [GEN_DEAR, 'prescribed', 'generic'],
      [GEN_CHEAP, 'generic', 'generic'],
      [GEN_TWO_GROUPS, 'generic', 'generic'],
      [PRINCEPS_2, 'other-pack', 'princeps'],
      [PRINCEPS, 'other-pack', 'princeps'],
      [GEN_90, 'other-pack', 'generic'],
    ]);
    await importBdpm(store, readBdpmSource(bdpm(false)), options);
    expect((await counter.alternatives(PRINCEPS)).map((a) => a.cip13)).not.toContain(GEN_CHEAP);
  });
});
