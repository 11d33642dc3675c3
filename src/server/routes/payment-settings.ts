import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  gatewayCredentialsBody,
  paymentProviderSchema,
  paymentSettingsSchema,
  updatePaymentSettingsBody,
} from '../../shared/api/payments.js';
import type { Api, AppContext } from '../context.js';
import { effectiveSettings, readStoredSettings } from '../payments/settings.js';
import { updatePaymentSettings } from '../services/payments/update-settings.js';
import { unwrap } from '../services/result.js';
import { adminScope, staffScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };

export function registerPaymentSettingsRoutes(api: Api, ctx: AppContext) {
  const { payments } = ctx;
  const read = async (resellerId: string) => ({
    ...effectiveSettings(await readStoredSettings(ctx.store.db, resellerId), payments.providers.registry),
    credentialProblems: await payments.providers.credentialProblems(resellerId),
  });

  api.get(
    '/v1/payment-settings',
    { schema: { tags: ['payments'], response: { 200: paymentSettingsSchema, ...errors } } },
    async (request) => read(staffScope(request).resellerId),
  );

  api.patch(
    '/v1/payment-settings',
    {
      schema: {
        tags: ['payments'],
        body: updatePaymentSettingsBody,
        response: { 200: paymentSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const input = { patch: request.body, testModeAllowed: payments.providers.testModeAllowed };
      const now = ctx.now();
      const stored = await ctx.store.write(async (trx) =>
        unwrap(await updatePaymentSettings(trx, scope, input, now)),
      );
      return {
        ...effectiveSettings(stored, payments.providers.registry),
        credentialProblems: await payments.providers.credentialProblems(scope.resellerId),
      };
    },
  );

  api.put(
    '/v1/payment-settings/credentials/:provider',
    {
      schema: {
        tags: ['payments'],
        params: z.strictObject({ provider: paymentProviderSchema }),
        body: gatewayCredentialsBody,
        response: {
          200: z.object({ provider: paymentProviderSchema, configured: z.literal(true) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const { provider } = request.params;
      await payments.providers.storeCredentials(
        scope.resellerId,
        provider,
        request.body.credentials,
        ctx.now(),
        scope,
      );
      return { provider, configured: true as const };
    },
  );
}
