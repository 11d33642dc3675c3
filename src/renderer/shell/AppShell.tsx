import type { ReactNode } from 'react';
import type { Session } from '../../shared/ipc-contract';
import { Announcer } from '../components/Announcer';
import { useRejectionNotices } from '../outbox/use-rejection-notices';
import { PaymentNotices } from '../payments/PaymentNotices';
import { SearchPalette } from '../search/SearchPalette';
import '../payments/payments.css';
import { AccountArea } from './AccountArea';
import { HeaderBalance } from './HeaderBalance';
import { LanguageSwitch } from './LanguageSwitch';
import { Nav } from './Nav';
import { SyncStatus } from './SyncStatus';
import { ThemeToggle } from './ThemeToggle';
import { AlertBanners } from '../alerts/AlertBanners';
import { HeaderLowWallets } from '../alerts/LowWallets';
import '../alerts/alerts.css';
import { useTranslation } from 'react-i18next';

export function AppShell({ session, children }: { session: Session; children: ReactNode }) {
  const { t } = useTranslation('shell');

  const signedIn = session.state === 'signed_in';
  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        {t('skipToContent')}
      </a>
      <header className="header">
        <div
          className="brand"
          title={
            signedIn && session.resellerName
              ? t('resellerConsole', { resellerName: session.resellerName })
              : t('resellerConsole2')
          }
        >
          <span className="brand-mark" aria-hidden="true">
            RC
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('resellerConsole2')}</span>
            {signedIn && session.resellerName && <span className="brand-tenant">{session.resellerName}</span>}
          </span>
        </div>
        {signedIn && <HeaderBalance />}
        {signedIn && <SyncStatus />}
        {signedIn && <HeaderLowWallets />}
        <div className="header-end">
          {signedIn && <SearchPalette />}
          <AccountArea session={session} />
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <div className="body">
        <Nav />
        <main id="main-content" className="main" tabIndex={-1}>
          {signedIn && <AlertBanners />}
          {children}
        </main>
      </div>
      <Announcer />
      {signedIn && <PaymentNotices />}
      {signedIn && <RejectionNotices />}
    </div>
  );
}

function RejectionNotices() {
  useRejectionNotices();
  return null;
}
