import type { z } from 'zod';
import type { OutboundFetch, OutboundRequest } from '../../../outbound/guarded-fetch.js';
import { ChainSourceError } from '../http-chain-source.js';

/**
 * One request to a chain API, its answer validated by `schema`. A refusal, a body that is not JSON
 * or an answer of an unexpected shape throws ChainSourceError: the payment stays as it was and the
 * job asks again, rather than crediting (or forgetting) on a half-read chain. `what` names the call
 * in the error, never the URL (it may carry an API key).
 */
export async function requestJson<T extends z.ZodType>(
  http: OutboundFetch,
  url: string,
  schema: T,
  what: string,
  init: OutboundRequest = {},
): Promise<z.infer<T>> {
  const response = await http(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new ChainSourceError(`chain API answered ${response.status} to ${what}`, response.status);
  return parseAnswer(text, schema, what);
}

export function parseAnswer<T extends z.ZodType>(text: string, schema: T, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ChainSourceError(`chain API sent a body that is not JSON for ${what}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ChainSourceError(`chain API sent an unexpected answer for ${what}`);
  return parsed.data;
}

/** Base URL without its trailing slashes, so paths join with one. */
export const trimBase = (url: string) => url.replace(/\/+$/, '');
