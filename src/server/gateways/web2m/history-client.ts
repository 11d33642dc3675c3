import type { OutboundFetch } from '../../outbound/guarded-fetch.js';
import type { ProviderEvent } from '../provider.js';
import { BankFeedError } from '../pay2s/history-client.js';
import { readWeb2mHistory } from './history.js';

/**
 * Polls Web2m's history API for one account: GET <base>/historyapi<bank>v3/<password>/<account>/<token>.
 * The secrets are in the path, so no error message here ever includes the URL.
 */
export async function fetchWeb2mCredits(
  options: { apiBase: string; bank: string; password: string; token: string; accountNumber: string },
  signal?: AbortSignal,
  http: OutboundFetch = fetch,
): Promise<Extract<ProviderEvent, { kind: 'bank_credit' }>[]> {
  const path = [options.password, options.accountNumber, options.token].map(encodeURIComponent).join('/');
  const url = `${options.apiBase.replace(/\/+$/, '')}/historyapi${options.bank}v3/${path}`;
  const response = await http(url, { signal: signal ?? null });
  if (!response.ok) throw new BankFeedError(`Web2m history API answered ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new BankFeedError('Web2m history API sent a body that is not JSON');
  }
  const read = readWeb2mHistory(json, options.accountNumber);
  if (!read.ok) throw new BankFeedError(`Web2m history ${read.reason}: ${read.detail}`);
  return read.events.filter((event) => event.kind === 'bank_credit');
}
