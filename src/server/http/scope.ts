import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../shared/api/auth.js';
import { Failure } from '../services/failure.js';
import type { Scope } from '../services/scope.js';

/** The signed-in caller (set by the authenticator's hook), or `unauthorized`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new Failure('unauthorized', 'send a valid credential as "Authorization: Bearer <token>"');
  }
  return request.principal;
}

/** What a principal may see; the operator, who owns no tenant, is refused. */
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
    actor: { userId: principal.userId, apiKeyId: principal.apiKeyId ?? null, role: principal.role },
  };
}

/** The caller's tenant scope. */
export function scopeFor(request: FastifyRequest): Scope {
  return scopeOf(principalOf(request));
}
