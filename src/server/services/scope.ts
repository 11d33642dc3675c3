import type { Principal } from '../../shared/api/auth.js';
import { Failure } from './failure.js';

/** What a caller may see: one reseller, and within it possibly one customer only. */
export interface Scope {
  resellerId: string;
  /** Set for the customer role: only this customer's records exist for the caller. */
  customerId?: string;
  canWrite: boolean;
}

export function scopeOf(principal: Principal): Scope {
  if (principal.role === 'operator' || principal.resellerId === null) {
    throw new Failure(
      'forbidden',
      'the operator credential manages resellers only; use a reseller credential',
    );
  }
  return {
    resellerId: principal.resellerId,
    ...(principal.role === 'customer' && principal.customerId ? { customerId: principal.customerId } : {}),
    canWrite: principal.role === 'reseller_admin',
  };
}

export function requireWrite(scope: Scope): void {
  if (!scope.canWrite) throw new Failure('forbidden', 'this credential may read but not change anything');
}
