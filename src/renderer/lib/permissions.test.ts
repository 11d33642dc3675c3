import { describe, expect, it } from 'vitest';
import { permissionsFor } from './permissions';

describe('permissionsFor', () => {
  it('lets a reseller admin browse, change, top up and renew, a support agent only browse, a customer top up and renew its own', () => {
    expect(permissionsFor({ state: 'signed_in', role: 'reseller_admin' })).toEqual({
      seesCustomers: true,
      writes: true,
      topsUp: true,
      renews: true,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'support_agent' })).toEqual({
      seesCustomers: true,
      writes: false,
      topsUp: false,
      renews: false,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'customer' })).toEqual({
      seesCustomers: false,
      writes: false,
      topsUp: true,
      renews: true,
    });
  });

  it('grants nothing before sign-in', () => {
    const nothing = { seesCustomers: false, writes: false, topsUp: false, renews: false };
    expect(permissionsFor(undefined)).toEqual(nothing);
    expect(permissionsFor({ state: 'signed_out', role: 'reseller_admin' })).toEqual(nothing);
  });
});
