import { DEFAULT_METHOD_WORDS } from '../../shared/api/payment-method-defaults';
import type { PaymentProviderId, TopUpOptions } from '../../shared/api/payments';
import { feePercent } from '../../shared/top-up-fee';
import { i18n } from '../i18n';
import { displayLocale } from '../lib/format';
import { savedMethodLabel } from '../payers/method-labels';

/** One line of the method list: a saved method (charged without a redirect) or a gateway. */
export type MethodChoice =
  | {
      key: string;
      kind: 'saved';
      provider: PaymentProviderId;
      savedMethodId: string;
      label: string;
      isDefault: boolean;
    }
  | {
      key: string;
      kind: 'gateway';
      provider: PaymentProviderId;
      label: string;
      /** Basis points of the amount (290 = 2.9%). */
      feeBasisPoints: number;
      processingTime: string;
    }
  | {
      /** "Invoice": an open invoice for the amount, paid by bank transfer (no gateway, no fee). */
      key: 'invoice';
      kind: 'invoice';
      provider: null;
      label: string;
      bankDetails: string | null;
    };

/**
 * The methods to offer for `payerId` (null: the customer has no payers, or none is chosen): the
 * payer's confirmed saved methods first, the default one first of those, then every gateway the
 * reseller enabled, in the reseller's order, then "Invoice" (bank transfer) if the reseller offers it.
 */
export function methodChoices(options: TopUpOptions, payerId: string | null): MethodChoice[] {
  const saved = options.savedMethods
    .filter((m) => m.status === 'confirmed' && (payerId === null || m.payerId === payerId))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.label.localeCompare(b.label))
    .map((m): MethodChoice => ({
      key: `saved:${m.id}`,
      kind: 'saved',
      provider: m.provider,
      savedMethodId: m.id,
      label: savedMethodLabel(m.label),
      isDefault: m.isDefault,
    }));
  const gateways = options.methods.map((m): MethodChoice => ({
    key: `gateway:${m.provider}`,
    kind: 'gateway',
    provider: m.provider,
    ...gatewayWords(m),
    feeBasisPoints: m.feeBasisPoints,
  }));
  const invoice: MethodChoice[] = options.invoiceMethod
    ? [
        {
          key: 'invoice',
          kind: 'invoice',
          provider: null,
          label: i18n.t('top-up:ts.invoiceMethod'),
          bankDetails: options.invoiceMethod.bankDetails,
        },
      ]
    : [];
  return [...saved, ...gateways, ...invoice];
}

/**
 * A gateway's label and processing time in the console's language while they are still the words
 * every method starts with ("Bank transfer (VietQR)", "1-5 minutes"); the reseller's own as typed.
 */
export function gatewayWords(method: {
  provider: PaymentProviderId;
  label: string;
  processingTime: string;
}): {
  label: string;
  processingTime: string;
} {
  const defaults = DEFAULT_METHOD_WORDS[method.provider];
  return {
    label:
      method.label === defaults.label
        ? i18n.t(`top-up:methodDefault.${method.provider}.label`)
        : method.label,
    processingTime:
      method.processingTime === defaults.processingTime
        ? i18n.t(`top-up:methodDefault.${method.provider}.processingTime`)
        : method.processingTime,
  };
}

/**
 * A method's label where a sentence names it (a top-up's ledger row: "Top-up via …"): in the
 * console's language while it is still a method's starting label, the reseller's own as typed.
 */
export function methodLabelText(label: string): string {
  const provider = (Object.keys(DEFAULT_METHOD_WORDS) as PaymentProviderId[]).find(
    (id) => DEFAULT_METHOD_WORDS[id].label === label,
  );
  return provider ? i18n.t(`top-up:methodDefault.${provider}.label`) : label;
}

/** The choice to start with: the default saved method, else the only method there is, else none. */
export function initialChoice(choices: readonly MethodChoice[]): string | null {
  const preferred = choices.find((c) => c.kind === 'saved' && c.isDefault);
  if (preferred) return preferred.key;
  return choices.length === 1 ? choices[0]!.key : null;
}

/** The payer to start with: the default one, else the first, else none (no payers). */
export function initialPayer(options: TopUpOptions): string | null {
  return (options.payers.find((p) => p.isDefault) ?? options.payers[0])?.id ?? null;
}

/** "2.9% fee" / "No fee" ("Phí 2,9%" in Vietnamese): a fee in basis points, exactly. */
export function feeLabel(basisPoints: number): string {
  if (basisPoints === 0) return i18n.t('top-up:ts.noFee');
  // The digits are exact; only the decimal mark follows the language ("2,9" in Vietnamese).
  const decimal =
    new Intl.NumberFormat(displayLocale()).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return i18n.t('top-up:ts.fee', { percent: feePercent(basisPoints, decimal) });
}

/** Gateways that can keep a payment method for later top-ups. */
export const SAVES_METHODS: ReadonlySet<PaymentProviderId> = new Set(['sandbox', 'stripe', 'paypal']);

/**
 * Whether to offer "Save this method": a saved method belongs to a payer, so with no payer chosen
 * (the customer has none yet) the API would refuse it — the form says how to add one instead.
 */
export function saveMethodOffer(
  choice: MethodChoice | null | undefined,
  payerId: string | null,
): 'offer' | 'needs_payer' | 'none' {
  if (choice?.kind !== 'gateway' || !SAVES_METHODS.has(choice.provider)) return 'none';
  return payerId === null ? 'needs_payer' : 'offer';
}
