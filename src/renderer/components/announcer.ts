import { create } from 'zustand';

/**
 * Results that happen away from where the person is looking (a write queued, a file saved): shown
 * as a toast and read out by one polite live region. The id makes a repeated message count again.
 */
export const useAnnouncer = create<{
  message: { id: number; text: string } | null;
  visible: boolean;
  announced(text: string): void;
  toastDismissed(id: number): void;
}>()((set) => ({
  message: null,
  visible: false,
  announced: (text) =>
    set((state) => ({ message: { id: (state.message?.id ?? 0) + 1, text }, visible: true })),
  toastDismissed: (id) => set((state) => (state.message?.id === id ? { visible: false } : state)),
}));

export function announce(text: string): void {
  useAnnouncer.getState().announced(text);
}
