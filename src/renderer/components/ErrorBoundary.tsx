import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './States';
import { i18n } from '../i18n';
import { isStaleCodeError } from '../lib/stale-code';

/**
 * Keeps a rendering bug on one page from blanking the whole console: the header and navigation
 * stay, and the page offers to try again. Reset by remounting (the shell keys it by page).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('page failed to render', error, info.componentStack);
  }

  override render() {
    if (isStaleCodeError(this.state.error)) {
      // Trying again would fail the same way: the page's code is only found by loading the console again.
      return (
        <div className="page">
          <div className="state state-error" role="alert">
            <div>
              <p className="state-title">{i18n.t('components:consoleWasUpdated')}</p>
              <p className="state-detail">{i18n.t('components:reloadToOpen')}</p>
            </div>
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
              {i18n.t('components:reload')}
            </button>
          </div>
        </div>
      );
    }
    if (this.state.error) {
      return (
        <div className="page">
          <ErrorState
            title={i18n.t('components:thisPageRanInto')}
            error={this.state.error}
            onRetry={() => this.setState({ error: null })}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
