import type { MethodSetting, TopUpLimits } from '../../../shared/api/payments.js';
import type { Trx } from '../../db/database.js';
import { readStoredSettings, writeSettings, type StoredSettings } from '../../payments/settings.js';
import { ok, refuse, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

export interface SettingsPatch {
  methods?: MethodSetting[] | undefined;
  limits?: TopUpLimits[] | undefined;
  cryptoGapLimit?: number | undefined;
}

/**
 * A reseller admin's change to its payment settings (PATCH /v1/payment-settings; the local demo's
 * seed turns test mode on through here too). Methods replace their provider's entry, limits their
 * currency's. Turning the sandbox on is refused where the operator forbids it (SANDBOX_GATEWAY).
 */
export async function updatePaymentSettings(
  trx: Trx,
  scope: Scope,
  input: { patch: SettingsPatch; testModeAllowed: boolean },
  now: string,
): Promise<Result<StoredSettings, 'validation' | 'method_unavailable'>> {
  const { patch } = input;
  const providers = patch.methods?.map((m) => m.provider) ?? [];
  const repeated = providers.find((p, i) => providers.indexOf(p) !== i);
  if (repeated) return refuse('validation', `methods: ${repeated} is listed twice`, 'methods');
  const sandbox = patch.methods?.findIndex((m) => m.provider === 'sandbox' && m.enabled) ?? -1;
  if (sandbox >= 0 && !input.testModeAllowed) {
    const field = `methods.${sandbox}.enabled`;
    return refuse(
      'method_unavailable',
      `${field}: test mode cannot be turned on: the sandbox test gateway is forbidden on this server by its operator (SANDBOX_GATEWAY=forbidden)`,
      field,
    );
  }
  const current = await readStoredSettings(trx, scope.resellerId);
  await writeSettings(trx, scope.resellerId, current, patch, now);
  const updated = await readStoredSettings(trx, scope.resellerId);
  const { methods, limits, cryptoGapLimit } = current;
  await recordAudit(
    trx,
    scope,
    {
      action: 'payment_settings.updated',
      entityType: 'payment_settings',
      entityId: scope.resellerId,
      before: { methods, limits, cryptoGapLimit },
      after: { methods: updated.methods, limits: updated.limits, cryptoGapLimit: updated.cryptoGapLimit },
    },
    now,
  );
  return ok(updated);
}
