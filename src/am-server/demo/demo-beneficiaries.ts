import { addDays, addMonths } from '../../shared/rules/calendar.js';
import { DEMO_PATIENTS } from './demo-actors.js';

/**
 * The caisse's file for the demo patients (claims.md), so a new user sees every outcome: Léa
 * Durand has a mutuelle, Thanh Nguyen an ALD, Inès Garcia's rights ended a month ago, and
 * Jean-Luc Bernard belongs to another caisse (a second destination). Sample data.
 */
export const DEMO_AMC_NUMBER = '12345678';

type Organisme = { regime: string; caisse: string; centre: string };
const PARIS: Organisme = { regime: '01', caisse: '751', centre: '0000' };
const MARSEILLE: Organisme = { regime: '01', caisse: '131', centre: '0000' };

export function demoBeneficiaries(today: string) {
  type Amc = { number: string; validUntil: string } | null;
  const open = { rightsFrom: '2020-01-01', rightsUntil: addMonths(today, 12), ald: false, amc: null as Amc };
  const of = (key: keyof typeof DEMO_PATIENTS, organisme: Organisme, extra: Partial<typeof open> = {}) => {
    const { sex: _sex, ...person } = DEMO_PATIENTS[key];
    return { ...person, ...organisme, ...open, ...extra };
  };
  return [
    of('durand', PARIS, { amc: { number: DEMO_AMC_NUMBER, validUntil: addMonths(today, 12) } }),
    of('lefevre', PARIS),
    of('moreau', PARIS),
    of('nguyen', PARIS, { ald: true }),
    of('garcia', PARIS, { rightsUntil: addDays(today, -30) }),
    of('petit', PARIS),
    of('roux', PARIS),
    of('bernard', MARSEILLE),
  ];
}

/** The caisse's directory knows prescribers the demo never logs in as (paper prescriptions name them). */
export const DEMO_DIRECTORY = [
  { rpps: '10001111110', name: 'Dr Claire Fontaine' },
  { rpps: '10002222221', name: 'Dr Paul Meunier' },
];
