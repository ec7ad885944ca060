import { create } from 'zustand';

/**
 * What the aria-live regions say: polite for reads and progress, assertive for errors — and the
 * last of them, shown on the screen too (everything said is also seen).
 */
type AnnouncerState = {
  polite: string;
  assertive: string;
  last: { text: string; severity: 'info' | 'error' } | null;
  say: (text: string) => void;
  alert: (text: string) => void;
};

export const useAnnouncer = create<AnnouncerState>((set) => ({
  polite: '',
  assertive: '',
  last: null,
  say: (text) => set({ polite: text, last: { text, severity: 'info' } }),
  alert: (text) => set({ assertive: text, last: { text, severity: 'error' } }),
}));
