import { queryOptions } from '@tanstack/react-query';
import type { WebhookDeliveryStatus } from '../../shared/api/webhooks';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export interface DeliveryFilters {
  status?: WebhookDeliveryStatus | undefined;
  eventType?: string | undefined;
}

export const webhookQueries = {
  all: ['webhooks'] as const,
  /**
   * From the billing API each time (an admin setting, not cached): online only. The feed announces
   * an endpoint that changed (`webhook_endpoints`), e.g. one disabled after failing for days.
   */
  endpoints: () =>
    queryOptions({
      queryKey: [...webhookQueries.all, 'endpoints'] as const,
      queryFn: () => call(desktop().webhooksList({})),
      meta: { tables: ['session', 'webhook_endpoints'] },
      retry: false,
    }),
  deliveries: (endpointId: string, filters: DeliveryFilters) =>
    queryOptions({
      queryKey: [...webhookQueries.all, 'deliveries', endpointId, filters] as const,
      queryFn: () =>
        call(
          desktop().webhooksDeliveries({
            endpointId,
            limit: 50,
            ...(filters.status ? { status: filters.status } : {}),
            ...(filters.eventType ? { eventType: filters.eventType } : {}),
          }),
        ),
      meta: { tables: ['session', 'webhook_endpoints'] },
      retry: false,
    }),
};
