import { formatAmount } from '../lib/format';

/**
 * An amount in minor units, formatted for its currency. `signed`: a movement, shown with its sign
 * and coloured as a credit or a debit (the sign carries the meaning, not the colour alone).
 */
export function Money({
  amount,
  currency,
  signed = false,
  className,
}: {
  amount: number;
  currency: string;
  signed?: boolean;
  className?: string;
}) {
  const tone = signed ? (amount > 0 ? 'credit' : amount < 0 ? 'debit' : '') : '';
  return (
    <span className={['money', tone, className].filter(Boolean).join(' ')}>
      {formatAmount(amount, currency, { signed })}
    </span>
  );
}
