import { describe, expect, it } from 'vitest';
import { sameCustomer } from './queries';

describe('sameCustomer', () => {
  it('recognises a queued customer once confirmed, whatever the email case', () => {
    expect(
      sameCustomer({ name: 'Zed', email: 'Zed@Example.com' }, { name: 'Zed', email: 'zed@example.com' }),
    ).toBe(true);
    expect(
      sameCustomer({ name: 'Zed', email: 'zed@example.com' }, { name: 'Ann', email: 'zed@example.com' }),
    ).toBe(false);
  });
});
