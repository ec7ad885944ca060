/** The counter's keys (workstation.md); each action shows its key beside it. */
export const KEYS = {
  help: { key: 'F1', label: 'Aide' },
  patient: { key: 'F2', label: 'Appel patient' },
  ordonnanceNumerique: { key: 'F3', label: 'Ordonnance Numérique' },
  lines: { key: 'F4', label: 'Ordonnance papier / produits' },
  tiersPayant: { key: 'F6', label: 'Tiers payant' },
  teletransmission: { key: 'F7', label: 'Télétransmission' },
  print: { key: 'F8', label: 'Imprimer' },
  forward: { key: 'F9', label: 'Valider / suivant' },
  confirm: { key: 'Entrée', label: 'Confirmer' },
  back: { key: 'Échap', label: 'Retour / annuler' },
} as const;

/**
 * F1: every key of the workstation, each once, with what it does wherever it works. Every key a
 * screen shows beside an action is here (test/renderer/help-keys.test.ts reads the screens to check).
 */
export const HELP_KEYS: { keys: string[]; label: string }[] = [
  { keys: ['F1'], label: 'Aide : cette liste' },
  { keys: ['F2'], label: 'Appel patient (nom, date de naissance ou NIR), aussi depuis l’ordonnance papier' },
  { keys: ['Alt+V'], label: 'Appel patient : lire la carte Vitale' },
  { keys: ['Alt+N'], label: 'Appel patient : créer le patient (ayant droit du patient appelé si coché)' },
  { keys: ['Alt+M'], label: 'Adresse : du patient (Appel patient), du prescripteur choisi (ordonnance)' },
  { keys: ['Alt+G'], label: 'Appel patient : l’organisme du patient (régime, caisse, centre), où partent ses FSE' },
  { keys: ['Alt+X'], label: 'Patient suivant : libérer le patient appelé' },
  { keys: ['F3'], label: 'Ordonnance Numérique : le champ « Code 2D »' },
  {
    keys: ['Ctrl+O'],
    label: 'Ouvrir une image ou un fichier : QR code, numérisation de l’ordonnance, tarifs, catalogue (BDPM en zip, fichier de l’officine)',
  },
  { keys: ['Ctrl+K'], label: 'Webcam : QR code, numérisation de l’ordonnance' },
  { keys: ['F4'], label: 'Ordonnance papier ; aux produits : aller à la ligne 1' },
  {
    keys: ['Alt+S'],
    label: 'Ordonnance papier : ordonnance sécurisée vérifiée (stupéfiant ou assimilé) ; Diagnostic : dossier de support',
  },
  { keys: ['Alt+P'], label: 'Nouveau prescripteur (nom, RPPS, spécialité, adresse du cabinet)' },
  {
    keys: ['F6'],
    label: 'Tiers payant : la mutuelle du patient, lue sur son attestation ou saisie (AMC, contrat, droits, prise en charge)',
  },
  {
    keys: ['F7'],
    label: 'Télétransmission : FSE à transmettre, lots (ARL), retours NOEMIE et virements, rejets à corriger',
  },
  { keys: ['Alt+L'], label: 'Ordonnance papier : ligne hors référentiel ; Télétransmission : lire les retours (NOEMIE) maintenant' },
  {
    keys: ['F8'],
    label: 'Imprimer : détail de la délivrance, ordonnancier ; Historique : réimprimer ; Télétransmission › Lots : bordereau du lot',
  },
  { keys: ['F9'], label: 'Valider / suivant : ordonnance, renouvellement, produits, contrôle' },
  { keys: ['Alt+T'], label: 'Ticket du patient ; Base de données : tester le serveur ; Télétransmission : télétransmettre maintenant' },
  { keys: ['Alt+1…9'], label: 'Produits : aller à la ligne n' },
  {
    keys: ['Alt+A'],
    label: 'Produits : une autre boîte sur la ligne ; Historique : annuler la délivrance ; Configuration : assistant de premier démarrage',
  },
  { keys: ['Alt+B'], label: 'Produits : lire le code de la boîte ; Sauvegardes : sauvegarder maintenant' },
  { keys: ['Alt+H'], label: 'Historique des délivrances' },
  { keys: ['Alt+O'], label: 'Ordonnancier : le registre des médicaments listés' },
  { keys: ['Alt+I'], label: 'Historique, Ordonnancier : l’archive du poste (son fichier, avant le serveur de l’officine)' },
  { keys: ['Alt+C'], label: 'Configuration (paramètres officine)' },
  {
    keys: ['Alt+R'],
    label:
      'Renvoyer maintenant les transmissions en attente ; Télétransmission : recycler la FSE rejetée ou renvoyer celle corrigée ; Sauvegardes : restaurer la sauvegarde choisie (↑ ↓) au prochain démarrage',
  },
  { keys: ['Entrée'], label: 'Confirmer, choisir dans une liste' },
  { keys: ['Échap'], label: 'Retour / annuler / fermer' },
  {
    keys: ['↑', '↓'],
    label: 'Se déplacer dans une liste ; aux produits, ↓ propose les autres produits du groupe (les substituables les moins chers d’abord)',
  },
  { keys: ['←', '→'], label: 'Configuration, Télétransmission : changer d’onglet (Configuration : aussi l’initiale de l’onglet)' },
  { keys: ['1', '2'], label: 'Configuration › Réglementation : phase 1 ou phase 2' },
];

/** Keys that reload or open tools in a browser: never in the workstation. */
export function isForbiddenKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): boolean {
  if (e.key === 'F5' || e.key === 'F11' || e.key === 'F12') return true;
  const mod = e.ctrlKey || e.metaKey;
  return mod && (e.key.toLowerCase() === 'r' || (e.shiftKey && e.key.toLowerCase() === 'i'));
}
