import { randomBytes } from 'node:crypto';
import type { AppOptions, PaymentOptions } from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import type { DialectName } from '../../src/server/db/database.js';
import { signSandboxPayload, SANDBOX_SIGNATURE_HEADER } from '../../src/server/gateways/sandbox/signature.js';
import { call, startApi, type TestApi } from './api.js';
import { ok } from './tenants.js';

export type PaymentsApi = TestApi;

/**
 * A billing API for payment tests: its own fresh database, a credentials key (PostgreSQL has none
 * by default), jobs off unless asked (tests run them by hand under their clock), and when `listen`
 * a real port on 127.0.0.1, so the sandbox's webhooks travel over HTTP to the real route.
 */
export function startPaymentsApi(
  dialect: DialectName,
  options: {
    listen?: boolean;
    clock?: () => Date;
    payments?: PaymentOptions;
    outbound?: AppOptions['outbound'];
    email?: AppOptions['email'];
  } = {},
): Promise<PaymentsApi> {
  return startApi(dialect, {
    ...options,
    payments: { credentialsKey: randomBytes(32), jobs: false, ...options.payments },
  });
}

/** A webhook secret a test knows, stored through the admin route like any reseller would. */
export const SANDBOX_SECRET = 'sbwhsec_test_0123456789abcdef';

export async function useKnownSandboxSecret(app: Api, admin: string, secret = SANDBOX_SECRET) {
  await ok(
    call(app, 'PUT', '/v1/payment-settings/credentials/sandbox', {
      token: admin,
      body: { credentials: { webhookSecret: secret } },
    }),
  );
}

/** A sandbox event signed as the sandbox signs it. */
export function signedSandboxEvent(
  event: { id: string; type: string; checkout: string; reference: string },
  options: { secret?: string; at?: Date } = {},
) {
  const at = Math.floor((options.at ?? new Date()).getTime() / 1000);
  const body = JSON.stringify({
    id: event.id,
    type: event.type,
    created: at,
    data: { checkout: event.checkout, reference: event.reference },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(options.secret ?? SANDBOX_SECRET, body, at),
    },
  };
}

let eventSeq = 0;
/** A fresh sandbox event id (the provider's id format). */
export const sandboxEventId = () =>
  `sbevt_${Date.now().toString(36).toUpperCase()}${(++eventSeq).toString().padStart(6, '0')}`;

/** A signed event with a fresh id about a payment's sandbox checkout (`checkout.paid` unless told). */
export const checkoutEvent = (
  payment: { id: string; checkout: string },
  options: { type?: string; secret?: string; at?: Date } = {},
) => {
  const { type = 'checkout.paid', ...signing } = options;
  return signedSandboxEvent(
    { id: sandboxEventId(), type, checkout: payment.checkout, reference: payment.id },
    signing,
  );
};

/** The hosted checkout page's form actions, as a browser would submit them. */
export async function pressSandboxButton(
  checkoutUrl: string,
  action: 'pay' | 'pay-later' | 'complete' | 'decline' | 'cancel',
  card = '4242 4242 4242 4242',
): Promise<{ status: number; html: string }> {
  const page = await fetch(checkoutUrl);
  const html = await page.text();
  // Find the button's form action on the page itself, as a browser does.
  const actionUrl = new URL(`${new URL(checkoutUrl).pathname}/${action}`, checkoutUrl);
  if (!html.includes(`action="${actionUrl.pathname}"`)) {
    throw new Error(`the checkout page offers no "${action}" button:\n${html}`);
  }
  const response = await fetch(actionUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card }).toString(),
  });
  return { status: response.status, html: await response.text() };
}
