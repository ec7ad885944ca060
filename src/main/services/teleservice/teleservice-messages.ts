import { formatDateFr, formatTimeFr } from '../../../shared/format/fr.js';

/** One French sentence per téléservice error code, for the pharmacist at the counter. */
export function teleserviceMessage(code: string, details: Record<string, unknown> = {}): string {
  const since = typeof details.since === 'string' ? formatTimeFr(details.since) : '';
  const validUntil = typeof details.validUntil === 'string' ? formatDateFr(details.validUntil) : '';
  switch (code) {
    case 'INVALID_ID':
      return 'Numéro invalide : vérifiez le numéro imprimé sous le QR code.';
    case 'NOT_FOUND':
      return 'Numéro inconnu : vérifiez le numéro imprimé sous le QR code.';
    case 'CANCELLED':
      return 'Ordonnance annulée par le prescripteur : elle ne peut plus être délivrée.';
    case 'EXPIRED':
      return validUntil
        ? `Ordonnance expirée : la première délivrance devait avoir lieu au plus tard le ${validUntil}.`
        : 'Ordonnance expirée : le délai de première délivrance est dépassé.';
    case 'ALREADY_DISPENSED':
      return 'Ordonnance déjà délivrée : il ne reste rien à délivrer.';
    case 'LOCKED_BY_OTHER_DISPENSER':
      return since ? `En cours de délivrance dans une autre officine depuis ${since}.` : 'En cours de délivrance dans une autre officine.';
    case 'LEASE_INVALID':
    case 'LEASE_REQUIRED':
      return 'Le verrou de délivrance a expiré : relisez l’ordonnance pour reprendre.';
    case 'PATIENT_MISMATCH':
      return 'Le patient n’est pas celui de l’ordonnance : indiquez le motif (ayant droit, parent…) pour poursuivre.';
    case 'PATIENT_OPPOSITION':
      return 'Le patient s’est opposé à la consultation par le prescripteur.';
    case 'UNAUTHENTICATED':
      return 'Jeton du téléservice refusé pour ce poste : corrigez-le dans Configuration (Alt+C).';
    case 'TELESERVICE_NOT_CONFIGURED':
      return 'Aucun téléservice pour ce poste : indiquez son adresse et le jeton du poste dans Configuration (Alt+C). Rien ne peut être délivré d’ici là.';
    case 'FORBIDDEN':
      return 'Le téléservice refuse cette opération à votre officine.';
    case 'IDEMPOTENCY_CONFLICT':
      return 'Cette exécution a déjà été transmise avec un autre contenu : à régulariser.';
    case 'APCV_UNKNOWN':
      return 'QR code appli carte Vitale inconnu : demandez au patient d’en afficher un nouveau.';
    case 'APCV_EXPIRED':
      return 'QR code appli carte Vitale expiré : demandez au patient d’en afficher un nouveau.';
    case 'APCV_USED':
      return 'QR code appli carte Vitale déjà utilisé : demandez au patient d’en afficher un nouveau.';
    case 'UNAVAILABLE':
    case 'TELESERVICE_UNREACHABLE':
      return 'Téléservice injoignable : poursuivez à partir de l’ordonnance papier, la transmission partira dès son retour.';
    case 'TELESERVICE_BAD_ANSWER':
      return 'Réponse illisible du téléservice : réessayez ; si cela persiste, contactez le support.';
    default:
      return 'Le téléservice a refusé l’opération.';
  }
}
