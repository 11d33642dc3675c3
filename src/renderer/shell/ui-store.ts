import { create } from 'zustand';
import { hrefFor, parseHash, type Route } from './routes';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** UI state only (what is on screen, not what is in the cache); actions are named as events. */
interface UiState {
  route: Route;
  /** The wallet the header shows and the Wallet page opens on; null: the first one. */
  currentWalletId: string | null;
  theme: ThemeChoice;
  /** Moves made since the app opened: a page takes focus only when someone moved to it. */
  moves: number;
  /** The last move replaces the history entry rather than adding one (a redirect). */
  replaced: boolean;
  navigated(route: Route): void;
  historyMoved(route: Route): void;
  /** The page found what it shows under another id (a queued customer got its permanent one). */
  redirected(route: Route): void;
  walletSelected(walletId: string): void;
  themeChosen(theme: ThemeChoice): void;
  accountChanged(): void;
}

const THEME_KEY = 'reseller-console:theme';

function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function walletOf(route: Route): string | undefined {
  return route.page === 'wallet' || route.page === 'top-up' ? route.walletId : undefined;
}

const initialRoute: Route = parseHash(window.location.hash) ?? { page: 'dashboard' };

export const useUi = create<UiState>()((set) => ({
  route: initialRoute,
  currentWalletId: walletOf(initialRoute) ?? null,
  theme: storedTheme(),
  moves: 0,
  replaced: false,
  navigated: (route) =>
    set((state) => ({
      route,
      currentWalletId: walletOf(route) ?? state.currentWalletId,
      moves: state.moves + 1,
      replaced: false,
    })),
  historyMoved: (route) =>
    set((state) => ({
      route,
      currentWalletId: walletOf(route) ?? state.currentWalletId,
      moves: state.moves + 1,
      replaced: false,
    })),
  redirected: (route) => set({ route, replaced: true }),
  walletSelected: (walletId) =>
    set((state) => ({
      currentWalletId: walletId,
      route:
        state.route.page === 'wallet' || state.route.page === 'top-up'
          ? { page: state.route.page, walletId }
          : state.route,
      replaced: false,
    })),
  themeChosen: (theme) => set({ theme }),
  accountChanged: () => set({ currentWalletId: null }),
}));

/** Keeps the URL hash and the route in step, and the document's theme with the choice. */
export function startUiSync(): () => void {
  const onPop = () => {
    const route = parseHash(window.location.hash);
    if (route) useUi.getState().historyMoved(route);
  };
  window.addEventListener('popstate', onPop);
  const applyTheme = (theme: ThemeChoice) => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  };
  applyTheme(useUi.getState().theme);
  const unsubscribe = useUi.subscribe((state, previous) => {
    if (state.route !== previous.route) {
      const href = hrefFor(state.route);
      if (window.location.hash !== href) {
        if (state.replaced) window.history.replaceState(null, '', href);
        else window.history.pushState(null, '', href);
      }
    }
    if (state.theme !== previous.theme) {
      applyTheme(state.theme);
      try {
        localStorage.setItem(THEME_KEY, state.theme);
      } catch {
        // Storage may be unavailable (private mode); the choice then lasts for this window only.
      }
    }
  });
  return () => {
    window.removeEventListener('popstate', onPop);
    unsubscribe();
  };
}
