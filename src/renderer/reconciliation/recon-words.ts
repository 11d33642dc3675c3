import type { AppliedLine, MatchTarget, MatchWhy } from '../../shared/recon';
import { i18n } from '../i18n';
import { displayLocale, formatAmount, formatDateTime } from '../lib/format';

/** "Top-up RC7K2M9QX4Q" / "Invoice INV-2026-0007": what a line can pay, as its transfer names it. */
export function targetLabel(target: MatchTarget): string {
  return target.kind === 'payment'
    ? i18n.t('reconciliation:target.topUp', { memo: target.reference })
    : i18n.t('reconciliation:target.invoice', { number: target.reference });
}

/** Why a line matched as it did, in the console's language; `target` is the one it names, if one. */
export function whyText(why: MatchWhy, target: MatchTarget | undefined): string {
  // A line naming a settled item has no candidate: the reason carries the item it names.
  const named = why.code === 'settled' ? why.target : target;
  const text = whyWords(why, named ? targetLabel(named) : '');
  // A reason may open on the target's name ("invoice …"), written for the middle of a sentence.
  return text.charAt(0).toLocaleUpperCase(displayLocale()) + text.slice(1);
}

function whyWords(why: MatchWhy, named: string): string {
  switch (why.code) {
    case 'agrees':
      return i18n.t('reconciliation:why.agrees', { target: named });
    case 'names_several':
      return i18n.t('reconciliation:why.namesSeveral', { count: why.count });
    case 'differs': {
      const asks = formatAmount(why.asks.amount, why.asks.currency);
      const transfer = formatAmount(why.transfer.amount, why.transfer.currency);
      if (why.asks.currency !== why.transfer.currency)
        return i18n.t('reconciliation:why.currencyDiffers', { target: named, asks, transfer });
      const by = formatAmount(Math.abs(why.transfer.amount - why.asks.amount), why.asks.currency);
      return why.transfer.amount < why.asks.amount
        ? i18n.t('reconciliation:why.underpaid', { target: named, asks, transfer, by })
        : i18n.t('reconciliation:why.overpaid', { target: named, asks, transfer, by });
    }
    case 'claimed':
      return i18n.t('reconciliation:why.claimed', { by: why.by, target: named });
    case 'settled':
      return i18n.t(`reconciliation:why.settled.${why.status}`, { target: named });
    case 'memo_unknown':
      return i18n.t('reconciliation:why.memoUnknown', { memos: why.memos.join(', ') });
    case 'only_amount':
      return i18n.t('reconciliation:why.onlyAmount', { target: named });
    case 'no_code':
      return i18n.t('reconciliation:why.noCode');
  }
}

/** How the server answered an applied line: what was credited, when it was applied before, or why not. */
export function appliedText(result: AppliedLine): string {
  switch (result.outcome) {
    case 'applied':
      return i18n.t('reconciliation:applied.credited', {
        amount: formatAmount(result.credited.amount, result.credited.currency),
      });
    case 'already_applied':
      return i18n.t('reconciliation:applied.already', { when: formatDateTime(result.appliedAt) });
    case 'refused':
      // The server's own words: they name what it refused and why.
      return result.message;
  }
}
