import { ApiError } from './http-kit.js';

/** The contract's errors, each with its one French sentence. */
export const errors = {
  unauthenticated: () => new ApiError(401, 'UNAUTHENTICATED', 'Authentification requise : jeton absent ou inconnu.'),
  forbidden: () => new ApiError(403, 'FORBIDDEN', "Cette opération n'est pas permise à cet acteur."),
  invalidId: () => new ApiError(400, 'INVALID_ID', 'Numéro de prescription invalide (format ou caractère de contrôle).'),
  notFound: () => new ApiError(404, 'NOT_FOUND', 'Aucune prescription ne porte ce numéro.'),
  executionNotFound: () => new ApiError(404, 'NOT_FOUND', 'Aucune exécution ne porte cet identifiant.'),
  cancelled: (id: string, at: string | null) =>
    new ApiError(410, 'CANCELLED', 'Cette prescription a été annulée par le prescripteur.', { id, cancelledAt: at }),
  expired: (id: string, validUntil: string) =>
    new ApiError(409, 'EXPIRED', 'Cette prescription a expiré : la première délivrance devait avoir lieu avant la fin de sa validité.', {
      id,
      validUntil,
    }),
  alreadyDispensed: (details: Record<string, unknown>) =>
    new ApiError(409, 'ALREADY_DISPENSED', 'Déjà délivrée : il ne reste rien à délivrer.', details),
  locked: (since: string, expiresAt: string) =>
    new ApiError(423, 'LOCKED_BY_OTHER_DISPENSER', 'Prescription en cours de délivrance dans une autre officine.', { since, expiresAt }),
  leaseInvalid: () => new ApiError(409, 'LEASE_INVALID', "Le verrou de délivrance n'est pas (ou plus) détenu par cette officine."),
  leaseRequired: () => new ApiError(428, 'LEASE_REQUIRED', 'Un verrou de délivrance (X-Lease-Token) est requis.'),
  idempotencyConflict: () => new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Cet identifiant d’exécution a déjà servi pour un autre contenu.'),
  missingLines: (lineIds: string[]) =>
    new ApiError(422, 'MISSING_LINES', 'Chaque ligne de la prescription doit figurer dans l’exécution.', { lineIds }),
  unknownLine: (lineId: string) => new ApiError(422, 'UNKNOWN_LINE', 'Ligne inconnue dans cette prescription.', { lineId }),
  reasonRequired: (lineId: string) => new ApiError(422, 'REASON_REQUIRED', 'Chaque écart doit être motivé.', { lineId }),
  agreementRequired: (lineId: string) =>
    new ApiError(422, 'AGREEMENT_REQUIRED', 'Cet écart demande l’accord du prescripteur (date et moyen).', { lineId }),
  notSubstitutable: (lineId: string) =>
    new ApiError(422, 'NOT_SUBSTITUTABLE', 'Ligne non substituable : pas de substitution sans l’accord du prescripteur.', { lineId }),
  renewalNotAllowed: (lineId: string, repeats: number) =>
    new ApiError(422, 'RENEWAL_NOT_ALLOWED', 'Ce renouvellement dépasse ceux que la prescription autorise.', { lineId, repeats }),
  quantityExceeded: (lineId: string, remainingUnits: number) =>
    new ApiError(422, 'QUANTITY_EXCEEDED', `Quantité supérieure à ce qui reste à délivrer (${remainingUnits} unité(s)).`, {
      lineId,
      remainingUnits,
    }),
  patientMismatch: () => new ApiError(409, 'PATIENT_MISMATCH', "Le patient n'est pas celui de la prescription."),
  patientOpposition: () =>
    new ApiError(403, 'PATIENT_OPPOSITION', 'Le patient s’est opposé à la consultation de cette délivrance par le prescripteur.'),
  apcvUnknown: () => new ApiError(404, 'APCV_UNKNOWN', 'QR code appli carte Vitale inconnu.'),
  apcvExpired: () => new ApiError(410, 'APCV_EXPIRED', 'QR code appli carte Vitale expiré : demandez au patient d’en générer un nouveau.'),
  apcvUsed: () => new ApiError(410, 'APCV_USED', 'QR code appli carte Vitale déjà utilisé.'),
  unavailable: () => new ApiError(503, 'UNAVAILABLE', 'Service momentanément indisponible.'),
  noRoute: () => new ApiError(404, 'NO_ROUTE', 'Aucune ressource à cette adresse.'),
  methodNotAllowed: () => new ApiError(405, 'METHOD_NOT_ALLOWED', 'Méthode non permise sur cette ressource.'),
  internal: () => new ApiError(500, 'INTERNAL_ERROR', 'Erreur interne du service.'),
};
