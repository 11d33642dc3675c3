import { create } from 'zustand';
import { useUi } from '../shell/ui-store';

/**
 * The top-up the Top Up screen is following, kept outside the screen: switching the language redraws
 * the whole console (LanguageRoot), and a payer halfway through a payment (a QR code on screen) must
 * find it still there. Forgotten when the person leaves the screen or starts again.
 */
export const useStartedTopUp = create<{
  /** `opened`: its hosted page was opened once already (a redraw must not open it again). */
  started: { walletId: string; localId: string; opened: boolean } | null;
  topUpStarted(walletId: string, localId: string): void;
  checkoutOpened(): void;
  topUpLeft(): void;
}>()((set) => ({
  started: null,
  topUpStarted: (walletId, localId) => set({ started: { walletId, localId, opened: false } }),
  checkoutOpened: () => set((state) => ({ started: state.started && { ...state.started, opened: true } })),
  topUpLeft: () => set({ started: null }),
}));

/** Called as the Top Up screen goes away: only a move to another screen ends the following. */
export function topUpScreenClosed(): void {
  if (useUi.getState().route.page !== 'top-up') useStartedTopUp.getState().topUpLeft();
}
