import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import { updatePaymentSettings } from './update-settings.js';

const sandbox = {
  provider: 'sandbox' as const,
  enabled: true,
  label: 'Test',
  feeBasisPoints: 0,
  processingTime: 'Instant',
};

describe.each(DIALECTS)('updatePaymentSettings on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('stores a patch and answers the stored settings', async () => {
    const { store, admin, now } = world();
    const result = await store.write((trx) =>
      updatePaymentSettings(trx, admin, { patch: { methods: [sandbox] }, testModeAllowed: true }, now),
    );
    expect(result.ok && result.value.methods.find((m) => m.provider === 'sandbox')).toMatchObject({
      enabled: true,
      label: 'Test',
    });
  });

  it('refuses a method listed twice (validation) and test mode where forbidden (method_unavailable)', async () => {
    const { store, admin, now } = world();
    await expectRefusedUnwritten(
      store,
      (trx) =>
        updatePaymentSettings(
          trx,
          admin,
          { patch: { methods: [sandbox, sandbox] }, testModeAllowed: true },
          now,
        ),
      'validation',
      'methods',
    );
    await expectRefusedUnwritten(
      store,
      (trx) =>
        updatePaymentSettings(trx, admin, { patch: { methods: [sandbox] }, testModeAllowed: false }, now),
      'method_unavailable',
      'methods.0.enabled',
    );
  });
});
