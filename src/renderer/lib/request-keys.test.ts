import { describe, expect, it } from 'vitest';
import { IpcError } from './ipc';
import { requestAnswered, requestKeyFor } from './request-keys';

const offline = new IpcError({ code: 'offline', message: 'The billing API cannot be reached' });

describe('the key of a money-moving request whose answer is unknown', () => {
  it('is the same for the same intent until an answer comes, and fresh after it', () => {
    const first = requestKeyFor('subscriptions:renew:sub_1', 'period-1');
    requestAnswered('subscriptions:renew:sub_1', offline);
    expect(requestKeyFor('subscriptions:renew:sub_1', 'period-1')).toBe(first);
    requestAnswered('subscriptions:renew:sub_1', new IpcError({ code: 'disconnected', message: 'x' }));
    expect(requestKeyFor('subscriptions:renew:sub_1', 'period-1')).toBe(first);
    requestAnswered('subscriptions:renew:sub_1');
    expect(requestKeyFor('subscriptions:renew:sub_1', 'period-1')).not.toBe(first);
  });

  it('is fresh after a refusal, for another intent, and apart for each name', () => {
    const key = requestKeyFor('orders:place:cus_1', '{"quantity":1}');
    requestAnswered('orders:place:cus_1', new IpcError({ code: 'insufficient_funds', message: 'x' }));
    const again = requestKeyFor('orders:place:cus_1', '{"quantity":1}');
    expect(again).not.toBe(key);
    expect(requestKeyFor('orders:place:cus_1', '{"quantity":2}')).not.toBe(again);
    expect(requestKeyFor('orders:place:cus_2', '{"quantity":2}')).not.toBe(
      requestKeyFor('orders:place:cus_1', '{"quantity":2}'),
    );
  });
});
