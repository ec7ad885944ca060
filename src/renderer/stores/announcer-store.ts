import { create } from 'zustand';

/** What the aria-live regions say: polite for reads and progress, assertive for errors. */
type AnnouncerState = {
  polite: string;
  assertive: string;
  say: (text: string) => void;
  alert: (text: string) => void;
};

export const useAnnouncer = create<AnnouncerState>((set) => ({
  polite: '',
  assertive: '',
  say: (text) => set({ polite: text }),
  alert: (text) => set({ assertive: text }),
}));
