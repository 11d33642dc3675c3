import { IDLE_SYNC_STATUS } from '../../shared/ipc-contract.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

type SessionChannels =
  | 'session:get'
  | 'session:connect'
  | 'session:use-demo'
  | 'session:sign-out'
  | 'session:first-screen-shown'
  | 'preferences:language'
  | 'preferences:set-language'
  | 'sync:status'
  | 'sync:now';

/** What the console says before any sync engine runs (signed out, or starting). */
const IDLE = IDLE_SYNC_STATUS;

/** Signing in and out, and the connection to the billing API (sync status, sync now). */
export function createSessionHandlers(d: HandlerContext): Pick<Handlers, SessionChannels> {
  return {
    'session:get': () => d.session.get(),
    'session:connect': (args) => d.session.connect(args),
    'session:use-demo': () => d.session.useDemo(),
    'session:sign-out': () => d.session.signOut(),
    'session:first-screen-shown': () => {
      d.session.firstScreenShown();
      return null;
    },
    'preferences:language': () => ({ language: d.session.language() }),
    'preferences:set-language': ({ language }) => ({ language: d.session.setLanguage(language) }),

    'sync:status': () => d.engine()?.getStatus() ?? IDLE,
    'sync:now': () => {
      const engine = d.engine();
      engine?.syncNow();
      return engine?.getStatus() ?? IDLE;
    },
  };
}
