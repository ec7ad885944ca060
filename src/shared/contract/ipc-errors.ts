/** Stable codes of the IPC boundary itself, each with its French sentence. */
export const IPC_ERRORS = {
  UNTRUSTED_SENDER: 'Appel refusé : il ne vient pas de la fenêtre de Comptoir.',
  UNKNOWN_CALL: 'Appel inconnu.',
  INVALID_INPUT: 'Données invalides.',
  INTERNAL_ERROR: 'Erreur interne : l’opération n’a pas abouti. Rien n’a été perdu ; réessayez.',
  HOST_DISCONNECTED: 'Connexion au poste perdue : reconnexion en cours.',
} as const;
export type IpcErrorCode = keyof typeof IPC_ERRORS;
