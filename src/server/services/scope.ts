import { Failure } from './failure.js';

/**
 * What a caller may see: one reseller, and within it possibly one customer only. A request gets its
 * scope from its credential (http/scope.ts); a job or the demo seed states its own.
 */
export interface Scope {
  resellerId: string;
  /** Set for the customer role: only this customer's records exist for the caller. */
  customerId?: string;
  canWrite: boolean;
}

export function requireWrite(scope: Scope): void {
  if (!scope.canWrite) throw new Failure('forbidden', 'this credential may read but not change anything');
}
