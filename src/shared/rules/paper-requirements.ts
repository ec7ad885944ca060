/** What a paper prescription needs before it is recorded, said the same way by the screen and by main. */
export const PAPER_ERRORS = {
  PATIENT_REQUIRED: 'Patient inconnu : appelez-le (F2) avant de valider — l’ordonnancier et la feuille de soins le demandent.',
  PRESCRIBER_REQUIRED: 'Prescripteur inconnu : cherchez-le dans « Prescripteur » (nom ou RPPS) ou créez-le (Alt+P) avant de valider.',
  SECURE_PRESCRIPTION_REQUIRED:
    'Stupéfiant ou assimilé : vérifiez que l’ordonnance est une ordonnance sécurisée, puis cochez la case (Alt+S).',
} as const;
