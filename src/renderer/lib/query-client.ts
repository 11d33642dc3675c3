import { QueryClient } from '@tanstack/react-query';
import { IpcError } from './ipc';

/**
 * Everything from main lives here. Data never goes stale by time (`staleTime: Infinity`): main says
 * which cache tables changed and only the queries over them refetch. The network mode is `always`
 * because the data comes from the local cache over IPC, not the network: it must load offline too.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        networkMode: 'always',
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A refused input will be refused again; only a dropped connection is worth one more try.
        retry: (failures, error) =>
          failures < 2 && error instanceof IpcError && error.code === 'disconnected',
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
