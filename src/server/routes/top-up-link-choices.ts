import type { Currency } from '../../shared/money.js';
import { totalToPay } from '../../shared/top-up-fee.js';
import type { OfferedRail } from '../gateways/crypto/offered-rails.js';
import type { TextKey } from '../i18n/en.js';
import { methodLabelWords, processingTimeWords } from '../i18n/ledger-words.js';
import type { PageText } from '../i18n/page-text.js';
import type { OfferedMethods } from '../services/payments/offered-methods.js';

/** One radio of a top-up link's form. `value` is what the form posts: `stripe`, `crypto:BTC:bitcoin`. */
export interface LinkChoice {
  value: string;
  label: string;
  /** The method's fee and processing time, and with a fixed amount what the payer pays in all. */
  detail: string;
}

/** A test network says so: a payer reading plain "Bitcoin" could send real BTC to a testnet address. */
export function railText(rail: OfferedRail): TextKey {
  switch (rail.network) {
    case 'bitcoin':
      return rail.testnet ? 'link.crypto.btcTestnet' : 'link.crypto.btc';
    case 'ethereum':
      if (rail.asset === 'ETH') return rail.testnet ? 'link.crypto.ethTestnet' : 'link.crypto.eth';
      return rail.testnet ? 'link.crypto.usdtEthereumTestnet' : 'link.crypto.usdtEthereum';
    case 'tron':
      return 'link.crypto.usdtTron';
  }
}

const railValue = (rail: OfferedRail) => `crypto:${rail.asset}:${rail.network}`;

/**
 * What a link's payer may choose: the methods offered for the link's currency, crypto once per coin
 * it takes (the payer has no other step to pick one), each with its fee as the console shows it.
 * A link has no saved methods: there is no sign-in.
 */
export function linkChoices(
  offer: Pick<OfferedMethods, 'methods' | 'cryptoRails'>,
  text: PageText,
  link: { amount: number | null; currency: Currency },
): LinkChoice[] {
  const choices: LinkChoice[] = [];
  for (const method of offer.methods) {
    // A method's starting words in the page's language (as the console shows them); a reseller's own as typed.
    const fee = [
      text.fee(method.feeBasisPoints),
      processingTimeWords(text, method.provider, method.processingTime),
    ];
    if (link.amount !== null) {
      const total = text.money(totalToPay(link.amount, method.feeBasisPoints), link.currency);
      fee.push(text.t('link.totalToPay', { total }));
    }
    const detail = fee.join(' · ');
    if (method.provider === 'crypto') {
      for (const rail of offer.cryptoRails) {
        choices.push({ value: railValue(rail), label: text.t(railText(rail)), detail });
      }
    } else {
      // The sandbox is test mode: the payer is told before choosing it.
      const words = methodLabelWords(text, method.label);
      const label = method.provider === 'sandbox' ? text.t('link.testMode', { method: words }) : words;
      choices.push({ value: method.provider, label, detail });
    }
  }
  return choices;
}

/** Whether a posted `method` asks for crypto on a coin this link's payer was not offered (or none). */
export function isUnofferedRail(offer: Pick<OfferedMethods, 'cryptoRails'>, posted: string): boolean {
  if (posted !== 'crypto' && !posted.startsWith('crypto:')) return false;
  return !offer.cryptoRails.some((rail) => railValue(rail) === posted);
}
