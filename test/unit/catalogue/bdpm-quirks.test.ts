import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  parsePriceCents,
  parseRate,
  regulatoryOf,
  unitsPerPack,
  withoutAbrogation,
} from '../../../src/main/services/catalogue/bdpm-fields.js';
import { readBdpmSource } from '../../../src/main/services/catalogue/bdpm-import.js';
import { parseBdpm, type Minimums } from '../../../src/main/services/catalogue/bdpm-parse.js';
import { bdpmLines, decodeBdpmFile } from '../../../src/main/services/catalogue/bdpm-text.js';

/** Small fixtures: the minimum counts are the real files' business, not these. */
const ANY: Minimums = { cis: 0, presentations: 0 };
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a text whose characters are all in it (’ is 0x92). */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => (c === '’' ? 0x92 : c === '€' ? 0x80 : c.charCodeAt(0))));

const CIS = (cis: string, name: string) =>
  `${cis}\t${name}\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\t01/01/2000\t\t\tLABO\tNon`;
const CIP = (cis: string, cip13: string, pres: string, price = '2,50', rate = '65%', fee = '1,02') =>
  `${cis}\t${cip13.slice(5, 12)}\t${pres}\tPrésentation active\tDéclaration de commercialisation\t01/01/2010\t${cip13}\toui\t${rate}\t${price}\t3,52\t${fee}\t`;
// Valid EAN-13 keys.
const C1 = '3400930000014';
const C2 = '3400930000021';
const C3 = '3400930000038';

const files = (entries: Record<string, Uint8Array | string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? utf8(v) : v]));
const base = () => ({
  'CIS_bdpm.txt': [CIS('60000001', 'ALPHA 10 mg, comprimé'), CIS('60000002', 'BETA 5 mg, comprimé')].join('\n'),
  'CIS_CIP_bdpm.txt': [CIP('60000001', C1, 'plaquette(s) de 30 comprimé(s)'), CIP('60000002', C2, 'flacon de 100 ml')].join('\n'),
});

describe('reading the BDPM’s files as they come', () => {
  it('lines: trailing CRs (CR CR LF) gone, blank lines skipped, one extra empty field or a missing empty last one tolerated', () => {
    expect(bdpmLines('a\tb\r\r\n\n   \r\nc\td\t\r\ne\r\n', 2)).toEqual([
      { number: 1, fields: ['a', 'b'] },
      { number: 4, fields: ['c', 'd'] },
      { number: 5, fields: ['e', ''] },
    ]);
  });

  it('encoding per file: a UTF-8 BOM skipped, strict UTF-8 else Windows-1252 with 0x92 as « ’ »; NUL, UTF-16 or control characters refused', () => {
    expect(decodeBdpmFile('x', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Élodie')]))).toEqual({ encoding: 'UTF-8', text: 'Élodie' });
    expect(decodeBdpmFile('x', cp1252('D’INDIGO à 5 €'))).toEqual({ encoding: 'Windows-1252', text: 'D’INDIGO à 5 €' });
    for (const bad of [
      Uint8Array.from([0x41, 0x00, 0x42]),
      Uint8Array.from([0xff, 0xfe, 0x41, 0x00]),
      Uint8Array.from([0x41, 0x07, 0x42]),
    ]) {
      expect(() => decodeBdpmFile('CIS_bdpm.txt', bad)).toThrow(
        expect.objectContaining({
          code: 'CATALOGUE_ENCODING',
          message: expect.stringMatching(/^CIS_bdpm\.txt n’est pas un fichier texte de la BDPM/),
        }),
      );
    }
  });

  it('prices: the last comma is the decimal one, empty is none (never 0), 0,00 is 0; rates: the first of several, a stale one null and counted', () => {
    expect([
      parsePriceCents('1,07'),
      parsePriceCents('1,234,56'),
      parsePriceCents(''),
      parsePriceCents('0,00'),
      parsePriceCents('12.50'),
      parsePriceCents('abc'),
    ]).toEqual([107, 123_456, null, 0, undefined, undefined]);
    expect([parseRate('65%'), parseRate('65 %'), parseRate('100%;65%'), parseRate(''), parseRate('35%')]).toEqual([
      { rate: 65, stale: false },
      { rate: 65, stale: false },
      { rate: 100, stale: false },
      { rate: null, stale: false },
      { rate: null, stale: true },
    ]);
  });

  it('an abrogation note in any of its shapes leaves the label, its date kept when readable; a material in brackets stays', () => {
    expect(withoutAbrogation('plaquette(s) de 30 comprimé(s) ( abrogée le 12/12/2024)')).toEqual({
      label: 'plaquette(s) de 30 comprimé(s)',
      abrogatedOn: '2024-12-12',
    });
    expect(withoutAbrogation('flacon (abrogée le 18/12/2021 (notification du 21/07/2021))')).toEqual({
      label: 'flacon',
      abrogatedOn: '2021-12-18',
    });
    expect(withoutAbrogation('plaquettes de 50 comprimés ( ab')).toEqual({ label: 'plaquettes de 50 comprimés', abrogatedOn: null });
    expect(withoutAbrogation('1 pot (ABS et polypropylène)')).toEqual({ label: '1 pot (ABS et polypropylène)', abrogatedOn: null });
  });

  it('units per pack: « de N comprimé(s) … », times a leading count of containers; doubled spaces; a volume or no count is none', () => {
    expect(unitsPerPack('plaquette(s) PVC aluminium de 30 comprimé(s)')).toBe(30);
    expect(unitsPerPack('30 plaquette(s) prédécoupée(s) unitaire(s) de 1 comprimé(s)')).toBe(30);
    expect(unitsPerPack('3 plaquette(s) thermoformée(s) de 28  comprimé(s)')).toBe(84);
    expect(unitsPerPack('boîte de 10 sachet(s)')).toBe(10);
    expect(unitsPerPack('20 récipient(s) unidose(s) de 2 ml')).toBeNull();
    expect(unitsPerPack('1 tube de 100 g')).toBeNull();
  });

  it('regulatory class from the conditions, whole phrases: « liste I » is never « liste II »; liste I with an ordonnance sécurisée is an assimilé stupéfiant', () => {
    expect(regulatoryOf(['Stupéfiants'])).toBe('STUPEFIANT');
    expect(regulatoryOf(['liste I', 'prescription en toutes lettres sur ordonnance sécurisée'])).toBe('ASSIMILE_STUPEFIANT');
    expect(regulatoryOf(['liste I et prescription sur ordonnance sécurisée'])).toBe('ASSIMILE_STUPEFIANT');
    expect(regulatoryOf([' LISTE I '])).toBe('LISTE_I');
    expect(regulatoryOf(['liste II'])).toBe('LISTE_II');
    expect(regulatoryOf(['prescription réservée aux spécialistes en liste Informatique'])).toBeNull();
  });
});

describe('the BDPM’s files read into products', () => {
  it('sets aside (with their line numbers) a wrong field count, an unreadable price, a CIP13 with a wrong key; keeps a presentation without its CIS under its own label', () => {
    // Under 1 % of the file's lines: 3 set aside among 400.
    const good = Array.from({ length: 395 }, (_, i) => CIP('60000001', ean(i), 'de 30 comprimé(s)'));
    const cip = [
      CIP('60000001', C1, 'de 30 comprimé(s)'),
      'short\tline',
      CIP('60000001', '3400930000015', 'x'),
      CIP('60000002', C2, 'y', '1.5'),
      CIP('69999999', C3, 'flacon de 5 sachet(s)', ''),
      ...good,
    ].join('\r\n');
    const parsed = parseBdpm(files({ ...base(), 'CIS_CIP_bdpm.txt': cip }), ANY);
    expect(parsed.files.find((f) => f.file === 'CIS_CIP_bdpm.txt')).toMatchObject({
      lines: 400,
      kept: 397,
      setAside: 3,
      setAsideLines: [2, 3, 4],
    });
    expect(parsed.products.find((p) => p.cip13 === C3)).toMatchObject({
      label: 'flacon de 5 sachet(s)',
      priceCents: null,
      unitsPerPack: 5,
      cis: '69999999',
    });
    expect(parsed.withoutCis).toBe(1);
  });

  it('generic groups: CIS, type and order from the right (a label may hold a tab); a CIS in two groups; an unknown type refuses', () => {
    const gener = ['12\tALPHA 10 mg\tcomprimé\t60000001\t0\t1\t', '13\tALPHA\t60000001\t1\t2', '14\tBETA\t60000002\t4\t3'].join('\n');
    const parsed = parseBdpm(files({ ...base(), 'CIS_GENER_bdpm.txt': gener }), ANY);
    // Each group with its common name (the label's fields joined, a tab in it a space), the search's.
    expect(parsed.products.find((p) => p.cip13 === C1)?.genericGroups).toEqual([
      { id: '12', type: 0, label: 'ALPHA 10 mg comprimé' },
      { id: '13', type: 1, label: 'ALPHA' },
    ]);
    expect(parsed.products.find((p) => p.cip13 === C2)?.genericGroups).toEqual([{ id: '14', type: 4, label: 'BETA' }]);
    expect(() => parseBdpm(files({ ...base(), 'CIS_GENER_bdpm.txt': '12\tALPHA\t60000001\t3\t1' }), ANY)).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_UNKNOWN_GENERIC_TYPE' }),
    );
  });

  it('conditions: several lines per CIS, a line that does not start with a CIS continues the previous one', () => {
    const cpd = [
      '60000001\tprescription en toutes lettres',
      'sur ordonnance sécurisée',
      '60000001\tliste I\r\r',
      '60000002\tliste II',
    ].join('\n');
    const parsed = parseBdpm(files({ ...base(), 'CIS_CPD_bdpm.txt': cpd }), ANY);
    expect(parsed.products.map((p) => p.regulatory)).toEqual(['ASSIMILE_STUPEFIANT', 'LISTE_II']);
  });

  it('refuses, with the first reason of the spec’s order and nothing kept: missing, encoding, too many bad rows, too small, a CIP13 twice', () => {
    const refused = (f: Map<string, Uint8Array>, min: Minimums = ANY) => {
      try {
        parseBdpm(f, min);
        return 'imported';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(refused(files({ 'CIS_CIP_bdpm.txt': base()['CIS_CIP_bdpm.txt'], 'CIS_GENER_bdpm.txt': Uint8Array.from([0]) }))).toBe(
      'CATALOGUE_FILE_MISSING',
    );
    expect(refused(files({ ...base(), 'CIS_GENER_bdpm.txt': Uint8Array.from([0x41, 0x00]) }))).toBe('CATALOGUE_ENCODING');
    const bad = [...Array.from({ length: 99 }, (_, i) => CIP('60000001', ean(i), 'x')), 'wrong\tfields'].join('\n');
    expect(refused(files({ ...base(), 'CIS_CIP_bdpm.txt': bad }))).toBe('imported');
    expect(refused(files({ ...base(), 'CIS_CIP_bdpm.txt': `${bad}\nanother\tbad` }))).toBe('CATALOGUE_TOO_MANY_BAD_ROWS');
    expect(refused(files(base()), { cis: 3, presentations: 0 })).toBe('CATALOGUE_TOO_SMALL');
    const twice = [CIP('60000001', C1, 'x'), CIP('60000002', C1, 'y')].join('\n');
    expect(refused(files({ ...base(), 'CIS_CIP_bdpm.txt': twice }))).toBe('CATALOGUE_DUPLICATE_CIP13');
    // Both too small and a CIP13 twice: too small comes first.
    expect(refused(files({ ...base(), 'CIS_CIP_bdpm.txt': twice }), { cis: 10, presentations: 0 })).toBe('CATALOGUE_TOO_SMALL');
  });

  it('a .zip holds the files at its root or in one folder; the other files are never read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bdpm-zip-'));
    const b = base();
    writeFileSync(
      join(dir, 'root.zip'),
      zipSync({
        'CIS_bdpm.txt': utf8(b['CIS_bdpm.txt']),
        'CIS_CIP_bdpm.txt': utf8(b['CIS_CIP_bdpm.txt']),
        'CIS_COMPO_bdpm.txt': utf8('ignored'),
      }),
    );
    writeFileSync(
      join(dir, 'folder.zip'),
      zipSync({ 'bdpm/CIS_bdpm.txt': utf8(b['CIS_bdpm.txt']), 'bdpm/CIS_CIP_bdpm.txt': utf8(b['CIS_CIP_bdpm.txt']) }),
    );
    for (const zip of ['root.zip', 'folder.zip'])
      expect([...readBdpmSource(join(dir, zip)).files.keys()].sort()).toEqual(['CIS_CIP_bdpm.txt', 'CIS_bdpm.txt']);
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'CIS_bdpm.txt'), b['CIS_bdpm.txt']);
    expect(() => parseBdpm(readBdpmSource(join(dir, 'plain')).files, ANY)).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_FILE_MISSING', message: expect.stringContaining('CIS_CIP_bdpm.txt') }),
    );
    writeFileSync(join(dir, 'broken.zip'), 'PK not a zip');
    expect(() => readBdpmSource(join(dir, 'broken.zip'))).toThrow(expect.objectContaining({ code: 'CATALOGUE_ENCODING' }));
  });
});

/** The i-th made-up CIP13 with its EAN-13 key. */
function ean(i: number): string {
  const body = `340093${String(100000 + i).padStart(6, '0')}`;
  const sum = [...body].reduce((s, d, k) => s + Number(d) * (k % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}
