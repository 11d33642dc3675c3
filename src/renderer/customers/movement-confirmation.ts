import type { Currency } from '../../shared/money';
import { amountWithCode, checkMovement, type MovementLimit } from '../../shared/movement-limits';

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
  const verdict = checkMovement(amount, limit);
  if (verdict === 'over_max')
    return {
      kind: 'refuse',
      message: `The most one movement can be is ${amountWithCode(limit.maxPerMovement, currency)} (an admin can change it under Payment settings).`,
    };
  if (verdict === 'ok') return { kind: 'queue' };
  const size = amountWithCode(Math.abs(amount), currency);
  const signed = `${amount < 0 ? '-' : '+'}${size}`;
  const whose = `${customerName}'s wallet`;
  const why = `This is above your confirmation amount of ${amountWithCode(limit.confirmAbove, currency)}.`;
  return kind === 'credit'
    ? { kind: 'confirm', question: `Add ${size} to ${whose}? ${why}`, confirmLabel: `Add ${size}` }
    : {
        kind: 'confirm',
        question: `Adjust ${whose} by ${signed}? ${why}`,
        confirmLabel: `Adjust by ${signed}`,
      };
}
