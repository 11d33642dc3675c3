import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../shared/ipc-contract';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { ErrorState, Spinner } from '../components/States';
import { formatDateTime } from '../lib/format';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { useUi } from '../shell/ui-store';
import { searchQueries } from './queries';
import { hitTitle, routeOfHit, SEARCH_KIND_LABELS } from './search-hits';
import './search.css';
import { useTranslation } from 'react-i18next';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘K' : 'Ctrl+K';

/**
 * The search box over everything cached (Ctrl/Cmd+K, or the header's Search button): customers,
 * payments (by any piece of a provider reference, crypto address or VietQR memo) and ledger rows
 * (descriptions, references), grouped by kind. Arrow keys move, Enter opens, Escape closes.
 */
export function SearchPalette() {
  const { t } = useTranslation('search');

  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button-ghost finder-trigger"
        onClick={() => setOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        title={`${t('search')} (${SHORTCUT})`}
      >
        <Icon name="search" />
        <span>{t('search')}</span>
        <kbd aria-hidden="true">{SHORTCUT}</kbd>
      </button>
      <Dialog open={open} title={t('search')} onClose={() => setOpen(false)}>
        {open && <SearchBody onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function SearchBody({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('search');

  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 120);
  // The highlighted result belongs to the query it was chosen in: a new query starts at the top.
  const [selection, setSelection] = useState({ query: '', index: 0 });
  const navigated = useUi((state) => state.navigated);
  const results = useQuery({ ...searchQueries.query(query), enabled: query !== '' });
  const listId = useId();
  const hits: SearchHit[] = query === '' ? [] : (results.data?.groups.flatMap((g) => g.items) ?? []);
  const optionId = (index: number) => `${listId}-${index}`;
  const input = useRef<HTMLInputElement>(null);
  // The dialog opens (showModal) after this renders and focuses its first control, the Close
  // button: typing starts in the box instead, once the dialog is open.
  useEffect(() => {
    const frame = requestAnimationFrame(() => input.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const active = selection.query === query && selection.index < hits.length ? selection.index : 0;
  const setActive = (index: number) => setSelection({ query, index });

  const openHit = (hit: SearchHit) => {
    navigated(routeOfHit(hit));
    onDone();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) openHit(hit);
    }
  };

  let index = -1;
  return (
    <div className="finder">
      <input
        type="finder"
        className="input finder-input"
        ref={input}
        placeholder={t('nameDescriptionReferenceTransaction')}
        aria-label={t('searchCustomersPaymentsAnd')}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {results.data && results.data.indexing > 0 && (
        <p className="muted finder-indexing" role="status">
          <Spinner size="sm" /> {t('indexingNewRows', { count: results.data.indexing })}
        </p>
      )}
      {results.isError && <ErrorState title={t('searchFailed')} error={results.error} />}
      {query === '' && <p className="muted finder-hint">{t('findsCustomersPaymentsAnd')}</p>}
      {query !== '' && results.data && hits.length === 0 && (
        <p className="muted finder-hint" role="status">
          {t('nothingMatches', { query })}
        </p>
      )}
      <div id={listId} role="listbox" aria-label={t('searchResults')} className="finder-results">
        {results.data?.groups.map((group) => (
          <div key={group.kind} role="group" aria-label={SEARCH_KIND_LABELS[group.kind]}>
            <div className="finder-group" aria-hidden="true">
              {SEARCH_KIND_LABELS[group.kind]}
            </div>
            {group.items.map((hit) => {
              index += 1;
              const mine = index;
              return (
                <div
                  key={`${hit.kind}:${hit.id}`}
                  id={optionId(mine)}
                  role="option"
                  aria-selected={mine === active}
                  className="finder-hit"
                  onMouseEnter={() => setActive(mine)}
                  onClick={() => openHit(hit)}
                >
                  <span className="finder-hit-title">{hitTitle(hit)}</span>
                  <span className="finder-hit-detail muted">
                    {[hit.detail, hit.at ? formatDateTime(hit.at) : null].filter(Boolean).join(' · ')}
                  </span>
                  {hit.code && <span className="finder-hit-code mono">{hit.code}</span>}
                  {hit.amount !== null && hit.currency && (
                    <Money amount={hit.amount} currency={hit.currency} signed={hit.kind === 'transaction'} />
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
