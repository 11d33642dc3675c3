// Global styles first, so each feature's own stylesheet (imported by its components) comes after.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/feedback.css';
import './styles/shell.css';
import './styles/header.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { desktop } from './bridge';
import { LanguageRoot } from './i18n/LanguageRoot';
import { reportFirstScreen } from './lib/first-screen';
import { createQueryClient } from './lib/query-client';
import { App } from './shell/App';
import { startUiSync } from './shell/ui-store';

// Connect first: in the browser host this takes the one-time token out of the URL fragment
// before the router starts writing routes there.
desktop();
startUiSync();

const queryClient = createQueryClient();
// Main starts what the first screen does not need (the demo's API) once it is shown.
reportFirstScreen(queryClient, () => void desktop().sessionFirstScreenShown({}));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageRoot>
        <App />
      </LanguageRoot>
    </QueryClientProvider>
  </StrictMode>,
);
