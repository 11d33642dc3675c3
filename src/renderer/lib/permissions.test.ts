import { describe, expect, it } from 'vitest';
import { permissionsFor } from './permissions';

describe('permissionsFor', () => {
  it('lets a reseller admin browse and change, a support agent only browse, a customer neither', () => {
    expect(permissionsFor({ state: 'signed_in', role: 'reseller_admin' })).toEqual({
      seesCustomers: true,
      writes: true,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'support_agent' })).toEqual({
      seesCustomers: true,
      writes: false,
    });
    expect(permissionsFor({ state: 'signed_in', role: 'customer' })).toEqual({
      seesCustomers: false,
      writes: false,
    });
  });

  it('grants nothing before sign-in', () => {
    expect(permissionsFor(undefined)).toEqual({ seesCustomers: false, writes: false });
    expect(permissionsFor({ state: 'signed_out', role: 'reseller_admin' })).toEqual({
      seesCustomers: false,
      writes: false,
    });
  });
});
