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

const ORGANISMES: Record<keyof typeof DEMO_PATIENTS, Organisme> = {
  durand: PARIS,
  lefevre: PARIS,
  moreau: PARIS,
  nguyen: PARIS,
  garcia: PARIS,
  petit: PARIS,
  roux: PARIS,
  bernard: MARSEILLE,
};

/** A demo patient's organisme, as the workstation's demo file and simulated Carte Vitale know it. */
export const demoOrganisme = (key: keyof typeof DEMO_PATIENTS): Organisme => ORGANISMES[key];

export function demoBeneficiaries(today: string) {
  type Amc = { number: string; validUntil: string } | null;
  const open = { rightsFrom: '2020-01-01', rightsUntil: addMonths(today, 12), ald: false, amc: null as Amc };
  const of = (key: keyof typeof DEMO_PATIENTS, extra: Partial<typeof open> = {}) => {
    const { sex: _sex, ...person } = DEMO_PATIENTS[key];
    return { ...person, ...ORGANISMES[key], ...open, ...extra };
  };
  return [
    of('durand', { amc: { number: DEMO_AMC_NUMBER, validUntil: addMonths(today, 12) } }),
    of('lefevre'),
    of('moreau'),
    of('nguyen', { ald: true }),
    of('garcia', { rightsUntil: addDays(today, -30) }),
    of('petit'),
    of('roux'),
    of('bernard'),
  ];
}

/** The caisse's directory knows prescribers the demo never logs in as (paper prescriptions name them). */
export const DEMO_DIRECTORY = [
  { rpps: '10001111110', name: 'Dr Claire Fontaine' },
  { rpps: '10002222221', name: 'Dr Paul Meunier' },
];
