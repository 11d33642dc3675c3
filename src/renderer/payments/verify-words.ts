import type { VerifyPaymentResponse } from '../../shared/api/payment-verify';
import { i18n } from '../i18n';
import { formatAmount, formatDateTime } from '../lib/format';
import { knownNetworkName } from '../top-up/crypto-rails';

type Answer = Pick<VerifyPaymentResponse, 'outcome' | 'message' | 'values'>;

/**
 * "Verify my payment"'s answer in the console's language, with its numbers ("Waiting for 2 more
 * confirmations (1 of 3)…" or "Đang chờ thêm 2 xác nhận (1/3)…"), worded from the outcome and the
 * particulars the API sent beside it. The server's English only when the answer carries nothing the
 * console can word (an API older than the console, or particulars it does not know).
 */
export function verifyAnswerText(answer: Answer): string {
  return verifyAnswerWords(answer) ?? answer.message;
}

function verifyAnswerWords({ outcome, values }: Answer): string | null {
  if (!values) return null;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : null);
  const count = (name: string) => {
    const n = values[name];
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
  };
  const money = (name: string) => {
    const amount = count(name);
    const currency = text('currency');
    return amount !== null && currency ? formatAmount(amount, currency) : null;
  };
  const source = text('source');
  switch (outcome) {
    case 'credited': {
      const amount = money('amount');
      return amount ? i18n.t('payments:verifyAnswer.credited', { amount }) : null;
    }
    case 'waiting_confirmations': {
      const more = count('more');
      const confirmations = count('confirmations');
      const required = count('required');
      return more !== null && confirmations !== null && required !== null
        ? i18n.t('payments:verifyAnswer.waitingConfirmations', { count: more, confirmations, required })
        : null;
    }
    case 'wrong_destination': {
      const asset = text('asset');
      const address = text('address');
      switch (text('to')) {
        case 'address':
          return asset && address ? i18n.t('payments:verifyAnswer.wrongAddress', { asset, address }) : null;
        case 'asset':
          return asset && address ? i18n.t('payments:verifyAnswer.wrongAsset', { asset, address }) : null;
        case 'network': {
          const network = networkName(text('network'));
          const expected = networkName(text('expectedNetwork'));
          return asset && network && expected
            ? i18n.t('payments:verifyAnswer.wrongNetwork', { asset, network, expected })
            : null;
        }
        case 'account': {
          const ending = text('accountEnding');
          return ending ? i18n.t('payments:verifyAnswer.wrongAccount', { ending }) : null;
        }
        default:
          return null;
      }
    }
    case 'underpaid': {
      if (source === 'chain') {
        const coins = text('coins');
        const asset = text('asset');
        return coins && asset
          ? i18n.t('payments:verifyAnswer.underpaid.chain', { shortBy: `${coins} ${asset}` })
          : null;
      }
      const shortBy = money('amount');
      return source === 'bank' && shortBy
        ? i18n.t('payments:verifyAnswer.underpaid.bank', { shortBy })
        : null;
    }
    case 'after_expiry': {
      const expiresAt = text('expiresAt');
      return expiresAt
        ? i18n.t('payments:verifyAnswer.afterExpiry', { expiresAt: formatDateTime(expiresAt) })
        : null;
    }
    case 'unrelated_transfer': {
      const amount = money('amount');
      return amount ? i18n.t('payments:verifyAnswer.unrelatedTransfer', { amount }) : null;
    }
    case 'not_found':
      if (source === 'chain') return i18n.t('payments:verifyAnswer.notFound.chain');
      return source === 'bank' ? i18n.t('payments:verifyAnswer.notFound.bank') : null;
    default:
      return null;
  }
}

/** A chain's network as the top-up screen names it ("Tron"); null for one the console does not know. */
const networkName = (network: string | null): string | null => (network ? knownNetworkName(network) : null);
