import { describe, expect, it } from 'vitest';
import { permissionsFor } from './permissions';

describe('permissionsFor', () => {
  it('lets a reseller admin browse, change and top up, a support agent only browse, a customer top up', () => {
    expect(permissionsFor({ state: 'signed_in', role: 'reseller_admin' })).toEqual({
      seesCustomers: true,
      writes: true,
      topsUp: true,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'support_agent' })).toEqual({
      seesCustomers: true,
      writes: false,
      topsUp: false,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'customer' })).toEqual({
      seesCustomers: false,
      writes: false,
      topsUp: true,
    });
  });

  it('grants nothing before sign-in', () => {
    const nothing = { seesCustomers: false, writes: false, topsUp: false };
    expect(permissionsFor(undefined)).toEqual(nothing);
    expect(permissionsFor({ state: 'signed_out', role: 'reseller_admin' })).toEqual(nothing);
  });
});
