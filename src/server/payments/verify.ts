import type {
  VerifyAnswerValues,
  VerifyPaymentBody,
  VerifyPaymentResponse,
} from '../../shared/api/payment-verify.js';
import { formatMoney, type Currency } from '../../shared/money.js';
import type { Store } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import { baseUnits, formatCoinAmount } from '../gateways/crypto/amounts.js';
import { CryptoProvider } from '../gateways/crypto/provider.js';
import type { TransferCheck } from '../gateways/crypto/transfer-check.js';
import type { BankLineCheck } from '../gateways/vietqr/bank-line-check.js';
import { VietQrProvider } from '../gateways/vietqr/provider.js';
import { Failure } from '../services/failure.js';
import { findPayment } from '../services/lookups.js';
import type { Scope } from '../services/scope.js';
import { toPayment } from '../wire/payment.js';
import type { PaymentService } from './service.js';
import type { SettleOutcome } from './settle.js';

type Answer = Omit<VerifyPaymentResponse, 'payment'>;
const answer = (
  outcome: Answer['outcome'],
  message: string,
  values: VerifyAnswerValues,
  extra: Partial<Answer> = {},
): Answer => ({
  outcome,
  message,
  confirmationsNeeded: null,
  shortBy: null,
  values,
  ...extra,
});

/**
 * "Verify my payment": the payer's transaction hash (crypto) or bank reference (VietQR) is looked up
 * at the chain or the bank feed and answered in words. A transfer that is this payment's is settled
 * through the payment service's own status check (refresh → settlePayment), the exactly-once path
 * every webhook and job takes: verifying twice, or while the job runs, credits once.
 */
export async function verifyPayment(
  payments: PaymentService,
  store: Store,
  scope: Scope,
  id: string,
  input: VerifyPaymentBody,
): Promise<VerifyPaymentResponse> {
  const payment = await findPayment(store.db, scope, id);
  const field = input.txHash !== undefined ? 'txHash' : 'bankReference';
  const expected = field === 'txHash' ? 'crypto' : 'vietqr';
  if (payment.provider !== expected) {
    throw new Failure(
      'validation',
      field === 'txHash'
        ? 'this payment is not a crypto payment: a transaction hash cannot verify it'
        : 'this payment is not a bank transfer (VietQR): a bank reference cannot verify it',
      field,
      { key: field === 'txHash' ? 'verify_not_crypto' : 'verify_not_bank', values: {} },
    );
  }
  if (payment.provider_payment_id === null) {
    throw new Failure(
      'payment_not_open',
      'this payment never reached the payment page: there is nothing to verify',
      undefined,
      { key: 'payment_never_opened', values: {} },
    );
  }
  const providerPaymentId = payment.provider_payment_id;
  const provider = await payments.providerOrThrow(payment);
  // The chain or the bank feed not answering is not the caller's fault and changes nothing here:
  // a 502 that says so, not a 500 (the cause goes to the log).
  const asked = async <T>(where: string, check: () => Promise<T>): Promise<T> => {
    try {
      return await check();
    } catch (error) {
      if (error instanceof Failure) throw error;
      payments.o.onError?.(error, `verifying ${payment.id} at ${where}`);
      throw new Failure(
        'gateway_unavailable',
        `${where} could not be reached to check this ${field === 'txHash' ? 'transaction' : 'reference'}; nothing was changed, try again in a few minutes`,
        field,
        { key: 'verify_unreachable', values: { source: field === 'txHash' ? 'chain' : 'bank' } },
      );
    }
  };
  const verdict =
    provider instanceof CryptoProvider && input.txHash !== undefined
      ? await verifyCrypto(
          payments,
          payment,
          await asked('the chain', () => provider.checkTransfer(providerPaymentId, input.txHash!)),
        )
      : provider instanceof VietQrProvider && input.bankReference !== undefined
        ? await verifyBank(
            payments,
            payment,
            await asked('the bank feed', () =>
              provider.checkBankLine(providerPaymentId, input.bankReference!),
            ),
          )
        : null;
  if (verdict === null) throw new Error(`${payment.provider} cannot verify a ${field}`);
  const after = await findPayment(store.db, scope, id);
  return { ...verdict, payment: toPayment(after) };
}

async function verifyCrypto(
  payments: PaymentService,
  payment: PaymentTable,
  check: TransferCheck,
): Promise<Answer> {
  switch (check.kind) {
    case 'not_found':
      return answer(
        'not_found',
        'No transaction with this hash was found on the chain. Check that you copied the whole hash; a transaction sent a moment ago can take a minute to appear.',
        { source: 'chain' },
      );
    case 'elsewhere':
      return answer(
        'wrong_destination',
        check.sameAsset
          ? `This transaction sent ${check.asset} to ${check.address}, not to this payment's address. Nothing was credited; only the sender's wallet can recover it.`
          : `This transaction sent ${check.asset}, which this payment does not accept, to ${check.address}. Nothing was credited.`,
        {
          source: 'chain',
          to: check.sameAsset ? 'address' : 'asset',
          asset: check.asset,
          address: check.address,
        },
      );
    case 'wrong_network': {
      // The payment's own check finds it too (once confirmed there) and opens the review.
      const settled = await settle(payments, payment);
      if (settled.paid) return credited(payment);
      const name = (network: string) => network.charAt(0).toUpperCase() + network.slice(1);
      return answer(
        'wrong_destination',
        `This transaction sent ${check.asset} on ${name(check.network)} to this payment's account, but the payment asked for ${check.asset} on ${name(check.expectedNetwork)}. Nothing was credited automatically; the coins are not lost, and staff review it once it is confirmed there.`,
        {
          source: 'chain',
          to: 'network',
          asset: check.asset,
          network: check.network,
          expectedNetwork: check.expectedNetwork,
        },
      );
    }
    case 'at_address': {
      const settled = await settle(payments, payment);
      if (settled.paid) return credited(payment);
      if (settled.late) return afterExpiry(payment);
      if (check.confirmations < check.required) {
        const more = check.required - check.confirmations;
        return answer(
          'waiting_confirmations',
          `Found at this payment's address. Waiting for ${more} more confirmation${more === 1 ? '' : 's'} (${check.confirmations} of ${check.required}); it is credited as soon as the chain confirms it.`,
          { source: 'chain', more, confirmations: check.confirmations, required: check.required },
          { confirmationsNeeded: more },
        );
      }
      const coins = formatCoinAmount(baseUnits(check.due - check.confirmedTotal), check.asset);
      const shortBy = `${coins} ${check.asset}`;
      return answer(
        'underpaid',
        `Found and confirmed, but the payment is underpaid by ${shortBy}. Send the rest to the same address and it is credited once it arrives.`,
        { source: 'chain', coins, asset: check.asset },
        { shortBy },
      );
    }
  }
}

async function verifyBank(
  payments: PaymentService,
  payment: PaymentTable,
  check: BankLineCheck,
): Promise<Answer> {
  switch (check.kind) {
    case 'not_found':
      return answer(
        'not_found',
        'No incoming transfer with this reference was found in the bank feed. Banks can take a few minutes to report a transfer; check the reference on your receipt.',
        { source: 'bank' },
      );
    case 'other_account':
      return answer(
        'wrong_destination',
        `This transfer went to account ending ${check.accountNumber.slice(-4)}, not to the account of this payment. Nothing was credited.`,
        { source: 'bank', to: 'account', accountEnding: check.accountNumber.slice(-4) },
      );
    case 'no_code':
      return answer(
        'unrelated_transfer',
        `A transfer of ${formatMoney(check.amount, 'VND')} with this reference arrived, but its content does not carry this payment's code. It was not credited automatically; support can apply it to this payment.`,
        { source: 'bank', amount: check.amount, currency: 'VND' },
      );
    case 'matched': {
      const settled = await settle(payments, payment);
      if (settled.paid) return credited(payment);
      if (settled.late) return afterExpiry(payment);
      const shortBy = formatMoney(check.due - check.received, 'VND');
      return answer(
        'underpaid',
        `Found, but the payment is underpaid by ${shortBy}. Transfer the rest with the same content and it is credited once it arrives.`,
        { source: 'bank', amount: check.due - check.received, currency: 'VND' },
        { shortBy },
      );
    }
  }
}

/**
 * The payment service's normal status check (a paid payment is left alone), then where the payment
 * stands. `late`: paid at the chain or bank after the payment closed here, which settle sends to
 * review instead of crediting.
 */
async function settle(
  payments: PaymentService,
  payment: PaymentTable,
): Promise<{ paid: boolean; late: boolean }> {
  const outcome: SettleOutcome =
    payment.status === 'paid' ? 'already_final' : await payments.refresh(payment);
  const { status } = await payments.o.store.db
    .selectFrom('payments')
    .select('status')
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  const closed = status === 'expired' || status === 'cancelled' || status === 'failed';
  return { paid: status === 'paid', late: outcome === 'credited_late' || closed };
}

function credited(payment: PaymentTable): Answer {
  return answer(
    'credited',
    `Credited: ${formatMoney(payment.amount, payment.currency as Currency)} was added to the wallet. Nothing more is needed.`,
    { amount: payment.amount, currency: payment.currency },
  );
}

function afterExpiry(payment: PaymentTable): Answer {
  return answer(
    'after_expiry',
    `This transfer arrived after the payment expired (${payment.expires_at}). It was not credited automatically: it is waiting in review for staff to apply it.`,
    { expiresAt: payment.expires_at },
  );
}
