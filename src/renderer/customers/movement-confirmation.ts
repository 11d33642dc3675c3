import type { Currency } from '../../shared/money';
import { amountWithCode, checkMovement, type MovementLimit } from '../../shared/movement-limits';
import { i18n } from '../i18n';
import { displayLocale } from '../lib/format';

/** What submitting a merchant credit or adjustment leads to, before anything is queued. */
export type MovementStep =
  | { kind: 'queue' }
  | { kind: 'confirm'; question: string; confirmLabel: string }
  | { kind: 'refuse'; message: string };

/**
 * Above the reseller's confirmation amount the console asks first ("Add 5,000.00 USD to Acme's
 * wallet? …"); above its maximum per movement it refuses at once, as the API would. Pure, so it is
 * tested without React.
 */
export function movementStep(input: {
  kind: 'credit' | 'adjust';
  /** Signed minor units. */
  amount: number;
  currency: Currency;
  customerName: string;
  limit: MovementLimit;
}): MovementStep {
  const { kind, amount, currency, customerName, limit } = input;
  const locale = displayLocale();
  const withCode = (minor: number) => amountWithCode(minor, currency, locale);
  const verdict = checkMovement(amount, limit);
  if (verdict === 'over_max')
    return {
      kind: 'refuse',
      message: i18n.t('customers:movement.overMax', { max: withCode(limit.maxPerMovement) }),
    };
  if (verdict === 'ok') return { kind: 'queue' };
  const size = withCode(Math.abs(amount));
  const signed = `${amount < 0 ? '-' : '+'}${size}`;
  const whose = i18n.t('customers:movement.whose', { name: customerName });
  const why = i18n.t('customers:movement.why', { amount: withCode(limit.confirmAbove) });
  return kind === 'credit'
    ? {
        kind: 'confirm',
        question: i18n.t('customers:movement.addQuestion', { size, whose, why }),
        confirmLabel: i18n.t('customers:movement.addLabel', { size }),
      }
    : {
        kind: 'confirm',
        question: i18n.t('customers:movement.adjustQuestion', { whose, signed, why }),
        confirmLabel: i18n.t('customers:movement.adjustLabel', { signed }),
      };
}
