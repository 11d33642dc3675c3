import type { FastifyRequest } from 'fastify';
import { principalOf, scopeFor } from './scope.js';
import { Failure } from '../services/failure.js';
import type { Scope } from '../services/scope.js';

/**
 * Who may start a top-up (and cancel one that has not started): the reseller admin, and a customer
 * for its own wallets (scope.customerId narrows every lookup to them). Support agents read only.
 * Kept apart from requireWrite so that no other route gains the customer as a writer.
 */
export function topUpScope(request: FastifyRequest): Scope {
  const scope = scopeFor(request);
  if (scope.canWrite || principalOf(request).role === 'customer') return scope;
  throw new Failure('forbidden', 'this credential may read but not change anything');
}

/** Reseller admins and support agents: settings and reviews are none of a customer's business. */
export function staffScope(request: FastifyRequest): Scope {
  const scope = scopeFor(request);
  if (scope.customerId) throw new Failure('forbidden', "this is for the reseller's staff only");
  return scope;
}

export function adminScope(request: FastifyRequest): Scope {
  const scope = scopeFor(request);
  if (!scope.canWrite) throw new Failure('forbidden', 'this credential may read but not change anything');
  return scope;
}

/**
 * The support desk (tickets, verifying a payment): every role of the tenant takes part. A customer
 * writes on its own records only (scope.customerId narrows every lookup); support agents answer and
 * assign tickets, which is their job, and move no money by it.
 */
export function deskScope(request: FastifyRequest): Scope {
  return scopeFor(request);
}
