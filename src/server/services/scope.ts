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
  /** Who acts, as the audit trail names them; absent for a job or the demo seed (recorded as `system`). */
  actor?: Actor;
}

/** The signed-in user or API key behind a request, and its role. */
export interface Actor {
  userId: string | null;
  apiKeyId: string | null;
  role: string;
}

export function requireWrite(scope: Scope): void {
  if (!scope.canWrite) throw new Failure('forbidden', 'this credential may read but not change anything');
}
