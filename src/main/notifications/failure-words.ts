import type { PaymentFailureCode } from '../../shared/api/payments.js';
import { declineWording } from '../../shared/decline-codes.js';
import type { Language } from '../../shared/ipc-contract.js';
// The renderer's own sentences for these reasons (its payment page shows them): one wording in the
// console, not a copy here that drifts. JSON only, so main loads no renderer code.
import topUpEn from '../../renderer/i18n/en/top-up.json' with { type: 'json' };
import topUpVi from '../../renderer/i18n/vi/top-up.json' with { type: 'json' };

const TOP_UP: Record<Language, Record<string, string | undefined>> = { en: topUpEn, vi: topUpVi };

/**
 * Codes whose reason the notification's own sentence already says ("… was cancelled", "… expired
 * before it was paid"): telling them again adds nothing.
 */
const SAID_BY_STATUS: readonly PaymentFailureCode[] = ['cancelled_before_paid', 'expired'];

/**
 * Why a payment ended without money, in `language`, as the console's payment page words it: the
 * bank's reason for a declined card when the console words its code, else the failure code's
 * sentence. Null when there is nothing more to say.
 */
export function failureWords(
  reason: { failureCode?: PaymentFailureCode | null; declineCode?: string | null },
  language: Language,
): string | null {
  const code = reason.failureCode;
  if (!code || SAID_BY_STATUS.includes(code)) return null;
  const decline = code === 'declined' ? declineWording(reason.declineCode) : null;
  const key = decline ? `ts.decline.${decline}` : `ts.failure.${code}`;
  return TOP_UP[language][key] ?? null;
}
