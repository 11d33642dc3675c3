import { baseUnits, type BaseUnits } from './amounts.js';
import { CRYPTO_RAILS, type CryptoRail } from './assets.js';

/**
 * The crypto provider's id for one invoice. A chain keeps no invoices, so the id carries what the
 * status check needs and cannot ask anyone for: the rail, the address, the amount due at the quoted
 * rate, and when the quote ends. The billing API stores it and hands it back; it never comes from
 * a payer.
 *   crypto:<asset>:<network>:<address>:<due in base units>:<quote expiry, epoch ms>
 */
export interface CryptoInvoice {
  rail: CryptoRail;
  address: string;
  due: BaseUnits;
  expiresAt: Date;
}

export function encodeInvoiceId(invoice: CryptoInvoice): string {
  const { rail, address, due, expiresAt } = invoice;
  return `crypto:${rail.asset}:${rail.network}:${address}:${due}:${expiresAt.getTime()}`;
}

export function decodeInvoiceId(id: string): CryptoInvoice | null {
  const match = /^crypto:([A-Z]+):([a-z]+):([0-9A-Za-z]{20,100}):(\d{1,80}):(\d{1,15})$/.exec(id);
  if (!match) return null;
  const [, asset, network, address = '', due = '', expires = ''] = match;
  const rail = CRYPTO_RAILS.find((r) => r.asset === asset && r.network === network);
  if (!rail) return null;
  return { rail, address, due: baseUnits(BigInt(due)), expiresAt: new Date(Number(expires)) };
}
