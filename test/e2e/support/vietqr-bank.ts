import { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import type { BillingApi, ResellerAdmin } from './billing-api.js';

/** The reseller's bank account that VietQR transfers go to. */
export const VIETQR_ACCOUNT = '0011001932418';
const PUSH_TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const API_TOKEN = 'cGF5MnMtc2VjcmV0LXRva2Vu';

/**
 * The reseller's bank — a Pay2s emulator on loopback, pushing statement lines to the reseller's
 * webhook — and VietQR bank transfer offered as the reseller's payment method over it. Close it.
 */
export async function offerVietQrBank(
  api: BillingApi,
  admin: ResellerAdmin,
  accountName: string,
  memoPrefix?: string,
): Promise<Pay2sEmulator> {
  const bank = await Pay2sEmulator.start({
    webhookToken: PUSH_TOKEN,
    apiToken: API_TOKEN,
    webhookUrl: `${api.url}/v1/webhooks/vietqr/${admin.resellerId}`,
    retryIntervalMs: 200,
  });
  try {
    await api.offerMethod(
      admin,
      'vietqr',
      {
        bankBin: '970422',
        accountNumber: VIETQR_ACCOUNT,
        accountName,
        ...(memoPrefix ? { memoPrefix } : {}),
        feed: 'pay2s',
        pay2sToken: PUSH_TOKEN,
        pay2sApiToken: API_TOKEN,
        pay2sApiBase: bank.url,
      },
      { enabled: true, label: 'VietQR bank transfer', feeBasisPoints: 0, processingTime: '1-5 minutes' },
    );
    return bank;
  } catch (error) {
    await bank.close();
    throw error;
  }
}
