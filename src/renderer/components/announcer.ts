import { create } from 'zustand';

/**
 * What a message says: words, or how to word it, called each time it is shown so that a message
 * still on screen after a language switch reads in the new language, not in the one it was said in.
 */
export type Words = string | (() => string);

export function wordsOf(words: Words): string {
  return typeof words === 'string' ? words : words();
}

/** A queued write a message is about, and what to say once the server has confirmed it. */
export interface QueuedWrite {
  itemId: string;
  saved: Words;
}

/**
 * Results that happen away from where the person is looking (a write queued, a file saved): shown
 * as a toast and read out by one polite live region. The id makes a repeated message count again.
 * A message about a queued write ("… — pending sync") gives way to `saved` when the server confirms
 * that write while it is still on screen: it is no longer true.
 */
export const useAnnouncer = create<{
  message: { id: number; text: Words; queued?: QueuedWrite } | null;
  visible: boolean;
  announced(text: Words, queued?: QueuedWrite): void;
  confirmed(itemIds: readonly string[]): void;
  toastDismissed(id: number): void;
}>()((set, get) => ({
  message: null,
  visible: false,
  announced: (text, queued) =>
    set((state) => ({
      message: { id: (state.message?.id ?? 0) + 1, text, ...(queued ? { queued } : {}) },
      visible: true,
    })),
  confirmed: (itemIds) => {
    const { message, visible, announced } = get();
    if (visible && message?.queued && itemIds.includes(message.queued.itemId))
      announced(message.queued.saved);
  },
  toastDismissed: (id) => set((state) => (state.message?.id === id ? { visible: false } : state)),
}));

export function announce(text: Words, queued?: QueuedWrite): void {
  useAnnouncer.getState().announced(text, queued);
}
