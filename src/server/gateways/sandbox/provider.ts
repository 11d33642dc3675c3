import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { minorUnits } from '../../../shared/money.js';
import type { Store } from '../../db/database.js';
import type { SandboxCheckoutTable } from '../../db/schema.js';
import { paymentsId } from '../../lib/ids.js';
import type {
  CheckoutPresentation,
  CheckoutRequest,
  GatewayEnvironment,
  IncomingWebhook,
  PaymentProvider,
  ProviderPaymentSnapshot,
  ProviderStatus,
  RefundAnswer,
  RefundRequest,
  SavedMethodCharge,
  WebhookDelivery,
} from '../provider.js';
import { sandboxEventSchema } from './events.js';
import { verifySandboxSignature } from './signature.js';

export const sandboxCredentialsSchema = z.strictObject({
  webhookSecret: z.string().min(16, { error: 'must be at least 16 characters' }).max(200),
});
export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

/**
 * The sandbox is a "provider" that lives inside the billing API: its checkouts are rows of our own
 * database, so it is given the store and the reseller it acts for on top of the usual environment.
 */
export interface SandboxEnvironment extends GatewayEnvironment {
  sandbox: { store: Store; resellerId: string };
}

/** A saved sandbox card: "sbpm_<last four digits>_<random>". */
const TOKEN = /^sbpm_(\d{4})_[0-9a-f]{16}$/;
/** Card numbers ending like this are declined, as with a real test gateway's decline numbers. */
export const DECLINING_LAST4 = '0002';

export const newMethodToken = (last4: string) => `sbpm_${last4}_${randomBytes(8).toString('hex')}`;
/** The sandbox's merchant account for one reseller: what its status answers name as recipient. */
export const sandboxRecipient = (resellerId: string) => `sandbox:${resellerId}`;

export class SandboxProvider implements PaymentProvider {
  readonly id = 'sandbox' as const;
  /** Where money paid through this provider goes: what a status answer must name. */
  readonly recipient: string;
  private readonly store: Store;
  private readonly resellerId: string;

  constructor(
    private readonly credentials: SandboxCredentials,
    private readonly env: SandboxEnvironment,
  ) {
    this.store = env.sandbox.store;
    this.resellerId = env.sandbox.resellerId;
    this.recipient = sandboxRecipient(this.resellerId);
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutPresentation> {
    const now = this.env.now().toISOString();
    const row = await this.insertOnce({
      reference: request.reference,
      amount: request.amount,
      currency: request.currency,
      status: 'pending',
      save_method: request.saveMethod ? 1 : 0,
      method_token: null,
      card_last4: null,
      idempotency_key: request.idempotencyKey,
      return_url: request.returnUrl,
      expires_at: request.expiresAt.toISOString(),
      created_at: now,
    });
    return {
      kind: 'redirect',
      providerPaymentId: row.id,
      url: `${this.env.publicBaseUrl}/sandbox/checkout/${row.id}`,
      expiresAt: row.expires_at,
    };
  }

  async verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    const checked = verifySandboxSignature(
      webhook.rawBody,
      webhook.headers,
      this.credentials.webhookSecret,
      webhook.receivedAt,
    );
    if (!checked.ok) return checked;
    let json: unknown;
    try {
      json = JSON.parse(checked.body);
    } catch {
      return { ok: false, reason: 'malformed_body', detail: 'not JSON' };
    }
    const event = sandboxEventSchema.safeParse(json);
    if (!event.success) return { ok: false, reason: 'malformed_body', detail: z.prettifyError(event.error) };
    return {
      ok: true,
      events: [
        {
          kind: 'payment_changed',
          provider: 'sandbox',
          eventId: event.data.id,
          eventType: event.data.type,
          providerPaymentId: event.data.data.checkout,
          reference: event.data.data.reference,
        },
      ],
    };
  }

  async fetchStatus(payment: { providerPaymentId: string }): Promise<ProviderPaymentSnapshot> {
    // Only this reseller's checkouts exist for this reseller's credentials, as at a real provider.
    const row = await this.store.db
      .selectFrom('sandbox_checkouts')
      .selectAll()
      .where('id', '=', payment.providerPaymentId)
      .where('reseller_id', '=', this.resellerId)
      .executeTakeFirst();
    if (!row) throw new Error(`sandbox: no checkout ${payment.providerPaymentId} for this merchant`);
    return this.snapshotOf(row);
  }

  async chargeSavedMethod(charge: SavedMethodCharge): Promise<ProviderPaymentSnapshot> {
    const token = TOKEN.exec(charge.methodToken);
    if (!token) throw new Error('sandbox: not a sandbox payment method token');
    const last4 = token[1]!;
    const now = this.env.now().toISOString();
    const row = await this.insertOnce({
      reference: charge.reference,
      amount: charge.amount,
      currency: charge.currency,
      status: last4 === DECLINING_LAST4 ? 'failed' : 'paid',
      save_method: 0,
      method_token: charge.methodToken,
      card_last4: last4,
      idempotency_key: charge.idempotencyKey,
      return_url: '',
      expires_at: now,
      created_at: now,
    });
    return this.snapshotOf(row);
  }

  /**
   * Refunds a paid sandbox checkout: no money moves (test mode), and the answer is the same for the
   * same refund id. A checkout that is not paid, or a refund above its amount, is refused.
   */
  async refund(request: RefundRequest): Promise<RefundAnswer> {
    const row = await this.store.db
      .selectFrom('sandbox_checkouts')
      .selectAll()
      .where('id', '=', request.providerPaymentId)
      .where('reseller_id', '=', this.resellerId)
      .executeTakeFirst();
    if (!row || row.status !== 'paid')
      return { outcome: 'refused', reason: 'sandbox: the checkout is not paid', code: 'no_charge' };
    if (request.amount > row.amount)
      return { outcome: 'refused', reason: 'sandbox: more than was paid', code: 'more_than_left' };
    return { outcome: 'accepted', providerRefundId: `sbrf_${request.refundId}`, settled: true };
  }

  /**
   * Opens a checkout for this reseller, once per idempotency key: a retried create or charge (same
   * key) gets the checkout the first one opened.
   */
  private async insertOnce(
    values: Omit<SandboxCheckoutTable, 'id' | 'reseller_id' | 'updated_at'>,
  ): Promise<SandboxCheckoutTable> {
    await this.store.write((trx) =>
      trx
        .insertInto('sandbox_checkouts')
        .values({
          id: paymentsId('sandboxCheckout'),
          reseller_id: this.resellerId,
          ...values,
          updated_at: values.created_at,
        })
        .onConflict((oc) => oc.columns(['reseller_id', 'idempotency_key']).doNothing())
        .execute(),
    );
    return this.store.db
      .selectFrom('sandbox_checkouts')
      .selectAll()
      .where('reseller_id', '=', this.resellerId)
      .where('idempotency_key', '=', values.idempotency_key)
      .executeTakeFirstOrThrow();
  }

  private snapshotOf(row: SandboxCheckoutTable): ProviderPaymentSnapshot {
    const expired = row.status === 'pending' && row.expires_at <= this.env.now().toISOString();
    const status: ProviderStatus = expired ? 'expired' : row.status;
    return {
      providerPaymentId: row.id,
      reference: row.reference,
      status,
      received: {
        kind: 'fiat',
        currency: row.currency,
        amount: minorUnits(row.status === 'paid' ? row.amount : 0),
      },
      recipient: this.recipient,
      ...(row.status === 'paid' && row.save_method === 1 && row.method_token && row.card_last4
        ? { savedMethod: { token: row.method_token, label: `Card •••• ${row.card_last4}` } }
        : {}),
    };
  }
}
