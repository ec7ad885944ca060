/** The counter's keys (workstation.md); each action shows its key beside it. */
export const KEYS = {
  help: { key: 'F1', label: 'Aide' },
  patient: { key: 'F2', label: 'Appel patient' },
  ordonnanceNumerique: { key: 'F3', label: 'Ordonnance Numérique' },
  lines: { key: 'F4', label: 'Ordonnance papier / produits' },
  tiersPayant: { key: 'F6', label: 'Tiers payant' },
  print: { key: 'F8', label: 'Imprimer' },
  forward: { key: 'F9', label: 'Valider / suivant' },
  confirm: { key: 'Entrée', label: 'Confirmer' },
  back: { key: 'Échap', label: 'Retour / annuler' },
} as const;

/** Keys that reload or open tools in a browser: never in the workstation. */
export function isForbiddenKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): boolean {
  if (e.key === 'F5' || e.key === 'F11' || e.key === 'F12') return true;
  const mod = e.ctrlKey || e.metaKey;
  return mod && (e.key.toLowerCase() === 'r' || (e.shiftKey && e.key.toLowerCase() === 'i'));
}
