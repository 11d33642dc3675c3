import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ChannelResult } from '../../shared/ipc-contract';
import { CURRENCIES, type Currency } from '../../shared/money';
import type { AppliedLine, BankColumnMapping, LineMatch, MatchTarget } from '../../shared/recon';
import { Badge } from '../components/Badge';
import { FileField, FormMessage, SelectField, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState } from '../components/States';
import { desktop } from '../bridge';
import { displayLocale, formatDay } from '../lib/format';
import { call, errorMessage } from '../lib/ipc';
import { DriftSection } from './DriftSection';
import { appliedText, targetLabel, whyText } from './recon-words';
import { useTranslation } from 'react-i18next';

const FIELDS = ['date', 'amount', 'description', 'reference'] as const;
type Columns = Pick<BankColumnMapping, (typeof FIELDS)[number]>;
type ApplyOutcome = ChannelResult<'recon:apply'>['results'][number]['outcome'];
const NO_COLUMNS: Columns = { date: '', amount: '', description: '', reference: '' };

/**
 * The reconciliation workbench: a bank statement CSV is read and matched on this computer against
 * the last sync (offline); the lines staff confirm are applied through the billing API, each once.
 */
export function ReconciliationPage() {
  const { t } = useTranslation('reconciliation');
  const columnLabels: Record<keyof Columns, string> = {
    date: t('column.date'),
    amount: t('column.amount'),
    description: t('column.description'),
    reference: t('column.reference'),
  };
  const matchOutcomes: Record<LineMatch['outcome'], string> = {
    matched: t('matchOutcome.matched'),
    ambiguous: t('matchOutcome.ambiguous'),
    unmatched: t('matchOutcome.unmatched'),
  };
  const applyOutcomes: Record<ApplyOutcome, string> = {
    applied: t('applyOutcome.applied'),
    already_applied: t('applyOutcome.already_applied'),
    refused: t('applyOutcome.refused'),
  };

  const [bank, setBank] = useState('');
  const [csv, setCsv] = useState<string | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [columns, setColumns] = useState<Columns>(NO_COLUMNS);
  const [dateFormat, setDateFormat] = useState<BankColumnMapping['dateFormat']>('DD/MM/YYYY');
  // The statement account's currency: its amounts are read in that currency's minor units.
  const [currency, setCurrency] = useState<Currency>('VND');
  const [matches, setMatches] = useState<LineMatch[] | null>(null);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  // An ambiguous line is applied only to the candidate a person chose for it (bank reference → id).
  const [chosen, setChosen] = useState<Record<string, string>>({});
  // Lines the server has applied (now or before), by bank reference: done, no longer offered.
  const [settled, setSettled] = useState<Record<string, AppliedLine>>({});

  const inspect = useMutation({
    mutationFn: (input: { bank: string; csv: string }) => call(desktop().reconInspect(input)),
    onSuccess: (answer) => {
      setHeaders(answer.headers);
      if (answer.mapping) {
        setColumns(answer.mapping);
        setDateFormat(answer.mapping.dateFormat);
        setCurrency(answer.mapping.currency);
      }
    },
  });
  const importing = useMutation({
    mutationFn: () =>
      call(
        desktop().reconImport({
          bank: bank.trim(),
          csv: csv ?? '',
          mapping: { ...columns, dateFormat, currency },
        }),
      ),
    onSuccess: (answer) => {
      setMatches(answer.matches);
      setChosen({});
      setSettled({});
      setConfirmed(
        new Set(answer.matches.filter((m) => m.outcome === 'matched').map((m) => m.line.bankReference)),
      );
    },
  });
  const apply = useMutation({
    mutationFn: () => {
      const lines = (matches ?? []).flatMap((m) => {
        const target = targetOf(m, chosen);
        return target && confirmed.has(m.line.bankReference)
          ? [{ line: m.line, target: { kind: target.kind, id: target.id } }]
          : [];
      });
      return call(desktop().reconApply({ lines }));
    },
    onSuccess: ({ results }) => {
      const done = results.filter((r) => r.outcome !== 'refused');
      setSettled((current) => ({ ...current, ...Object.fromEntries(done.map((r) => [r.bankReference, r])) }));
      setConfirmed((current) => {
        const next = new Set(current);
        for (const r of done) next.delete(r.bankReference);
        return next;
      });
    },
  });

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    setMatches(null);
    apply.reset();
    if (bank.trim()) inspect.mutate({ bank: bank.trim(), csv: text });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The results of an earlier apply are about the lines as they were matched then.
    apply.reset();
    importing.mutate();
  };
  const choose = (reference: string, targetId: string) => {
    setChosen((current) => ({ ...current, [reference]: targetId }));
    // Choosing a candidate is the confirmation; choosing none takes the line back out.
    setConfirmed((current) => {
      const next = new Set(current);
      if (targetId) next.add(reference);
      else next.delete(reference);
      return next;
    });
  };
  const toggle = (reference: string) =>
    setConfirmed((current) => {
      const next = new Set(current);
      if (next.has(reference)) next.delete(reference);
      else next.add(reference);
      return next;
    });

  return (
    <div className="page">
      <PageHeader title={t('reconciliation')} subtitle={t('matchABankStatement')} />
      <form className="card form" onSubmit={submit} aria-label={t('importABankStatement')}>
        <TextField
          label={t('bank')}
          required
          placeholder={t('vietcombank')}
          value={bank}
          onChange={(e) => setBank(e.target.value)}
          onBlur={() => csv && bank.trim() && inspect.mutate({ bank: bank.trim(), csv })}
          hint={t('theColumnMappingIs')}
        />
        <FileField
          label={t('statementCsv')}
          accept=".csv,text/csv"
          onFile={(file) => void chooseFile(file)}
        />
        {inspect.isError && <FormMessage tone="error">{errorMessage(inspect.error)}</FormMessage>}
        {headers.length > 0 &&
          FIELDS.map((field) => (
            <SelectField
              key={field}
              label={columnLabels[field]}
              required
              value={columns[field]}
              onChange={(e) => setColumns({ ...columns, [field]: e.target.value })}
            >
              <option value="">{t('chooseAColumn')}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </SelectField>
          ))}
        {headers.length > 0 && (
          <SelectField
            label={t('dateFormat')}
            value={dateFormat}
            onChange={(e) => setDateFormat(e.target.value as BankColumnMapping['dateFormat'])}
          >
            <option value="DD/MM/YYYY">{t('ddMmYyyy')}</option>
            <option value="YYYY-MM-DD">{t('yyyyMmDd')}</option>
            <option value="MM/DD/YYYY">{t('mmDdYyyy')}</option>
          </SelectField>
        )}
        {headers.length > 0 && (
          <SelectField
            label={t('currency')}
            hint={t('currencyHint')}
            value={currency}
            onChange={(e) => setCurrency(e.target.value as Currency)}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
        )}
        {importing.isError && <FormMessage tone="error">{errorMessage(importing.error)}</FormMessage>}
        <button
          type="submit"
          className="button button-primary"
          disabled={!csv || !bank.trim() || importing.isPending}
        >
          {t('matchStatement')}
        </button>
      </form>

      {matches && (
        <section aria-labelledby="recon-lines">
          <h2 id="recon-lines">{t('statementLines')}</h2>
          {matches.length === 0 ? (
            <EmptyState title={t('noIncomingTransfers')}>{t('thisStatementHasNo')}</EmptyState>
          ) : (
            <table className="data-table" aria-label={t('statementLines')}>
              <thead>
                <tr>
                  <th scope="col">{t('apply')}</th>
                  <th scope="col">{t('date')}</th>
                  <th scope="col">{t('reference')}</th>
                  <th scope="col">{t('amount')}</th>
                  <th scope="col">{t('description')}</th>
                  <th scope="col">{t('outcome')}</th>
                  <th scope="col">{t('why')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.line.bankReference}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('apply2', { bankReference: m.line.bankReference })}
                        disabled={targetOf(m, chosen) === null || m.line.bankReference in settled}
                        checked={confirmed.has(m.line.bankReference)}
                        onChange={() => toggle(m.line.bankReference)}
                      />
                    </td>
                    <td>{formatDay(m.line.date, displayLocale(), true)}</td>
                    <td>{m.line.bankReference}</td>
                    <td>
                      <Money amount={m.line.amount} currency={m.line.currency} />
                    </td>
                    <td>{m.line.description}</td>
                    <td>
                      {m.line.bankReference in settled ? (
                        <Badge tone="success">{applyOutcomes[settled[m.line.bankReference]!.outcome]}</Badge>
                      ) : (
                        <Badge
                          tone={
                            m.outcome === 'matched'
                              ? 'success'
                              : m.outcome === 'ambiguous'
                                ? 'warning'
                                : 'neutral'
                          }
                        >
                          {matchOutcomes[m.outcome]}
                        </Badge>
                      )}
                    </td>
                    <td>
                      {whyText(m.why, namedTarget(m))}
                      {m.outcome === 'ambiguous' && (
                        <select
                          className="input select"
                          aria-label={t('applyLineTo', { bankReference: m.line.bankReference })}
                          value={chosen[m.line.bankReference] ?? ''}
                          disabled={m.line.bankReference in settled}
                          onChange={(e) => choose(m.line.bankReference, e.target.value)}
                        >
                          <option value="">{t('decideLater')}</option>
                          {m.candidates.map((c) => (
                            <option key={c.id} value={c.id}>
                              {targetLabel(c)}
                            </option>
                          ))}
                        </select>
                      )}
                      <CreditInsteadLink
                        bankReference={m.line.bankReference}
                        target={creditInstead(m, apply.data?.results, chosen)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={confirmed.size === 0 || apply.isPending}
            onClick={() => apply.mutate()}
          >
            {t('applyConfirmedLines', { count: confirmed.size })}
          </button>
          {apply.isError && <FormMessage tone="error">{errorMessage(apply.error)}</FormMessage>}
          <div role="status">
            {apply.data && (
              <ul aria-label={t('appliedLines')}>
                {apply.data.results.map((r) => (
                  <li key={r.bankReference}>
                    {r.bankReference}: {applyOutcomes[r.outcome]} — {appliedText(r)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      )}
      <DriftSection />
    </div>
  );
}

/** The one item a line's reason is about: its match, or its only candidate. */
function namedTarget(m: LineMatch): MatchTarget | undefined {
  if (m.outcome === 'matched') return m.target;
  return m.outcome === 'ambiguous' && m.candidates.length === 1 ? m.candidates[0] : undefined;
}

/**
 * The item whose customer should be credited what arrived instead, when the server cannot apply
 * the line to it: its amount differs, it waits for nothing any more, or the server refused it.
 */
function creditInstead(
  m: LineMatch,
  results: AppliedLine[] | undefined,
  chosen: Record<string, string>,
): MatchTarget | undefined {
  if (m.why.code === 'settled') return m.why.target;
  if (m.why.code === 'differs') return namedTarget(m);
  const refused = results?.some((r) => r.bankReference === m.line.bankReference && r.outcome === 'refused');
  return refused ? (targetOf(m, chosen) ?? undefined) : undefined;
}

/** To the customer page's wallet, where staff credit the transfer (the wallet's Credit form). */
function CreditInsteadLink({
  bankReference,
  target,
}: {
  bankReference: string;
  target: MatchTarget | undefined;
}) {
  const { t } = useTranslation('reconciliation');
  if (!target) return null;
  const to = {
    page: 'customer' as const,
    customerId: target.customerId,
    ...(target.walletId ? { walletId: target.walletId } : {}),
  };
  return (
    <RouteLink className="button button-sm" to={to}>
      {t('openCustomerWallet', { bankReference })}
    </RouteLink>
  );
}

/** Where a line goes if applied: its match, the candidate a person chose, or nowhere yet. */
function targetOf(m: LineMatch, chosen: Record<string, string>): MatchTarget | null {
  if (m.outcome === 'matched') return m.target;
  if (m.outcome === 'unmatched') return null;
  return m.candidates.find((c) => c.id === chosen[m.line.bankReference]) ?? null;
}
