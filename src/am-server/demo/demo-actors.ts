/** Demo actors of the embedded téléservice (sample data: the tokens are demo secrets only). */
export const DEMO_PHARMACY = {
  token: 'demo-pharmacie-du-marche-7f3a9c',
  kind: 'pharmacy',
  finess: '750012345',
  name: 'Pharmacie du Marché',
  pharmacistRpps: '10001234565',
} as const;

export const DEMO_OTHER_PHARMACY = {
  token: 'demo-pharmacie-de-la-gare-1b8e42',
  kind: 'pharmacy',
  finess: '690054321',
  name: 'Pharmacie de la Gare',
  pharmacistRpps: '10000000017',
} as const;

export const DEMO_PRESCRIBERS = {
  martin: { token: 'demo-dr-anne-martin-4c2d11', kind: 'prescriber', rpps: '10003456786', name: 'Dr Anne Martin', amNumber: '751234567' },
  benali: { token: 'demo-dr-karim-benali-9e0f37', kind: 'prescriber', rpps: '10000000025', name: 'Dr Karim Benali', amNumber: '691234568' },
} as const;

export const DEMO_PATIENTS = {
  durand: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12', sex: 'F' },
  lefevre: { nir: '185077512345608', lastName: 'LEFÈVRE', firstName: 'Étienne', birthDate: '1985-07-02', sex: 'M' },
  moreau: { nir: '212026908812353', lastName: 'MOREAU', firstName: 'Chloé', birthDate: '2012-02-19', sex: 'F' },
  nguyen: { nir: '156011305504229', lastName: 'NGUYEN', firstName: 'Thanh', birthDate: '1956-01-08', sex: 'M' },
  garcia: { nir: '201109932100720', lastName: 'GARCIA', firstName: 'Inès', birthDate: '2001-10-23', sex: 'F' },
  petit: { nir: '195123306307107', lastName: 'PETIT', firstName: 'Hugo', birthDate: '1995-12-30', sex: 'M' },
  roux: { nir: '288047511822250', lastName: 'ROUX', firstName: 'Amélie', birthDate: '1988-04-15', sex: 'F' },
  bernard: { nir: '170021300415597', lastName: 'BERNARD', firstName: 'Jean-Luc', birthDate: '1970-02-04', sex: 'M' },
} as const;

export const DEMO_PATIENT_TOKENS = { durand: 'demo-patient-lea-durand-5d6e7f' } as const;
