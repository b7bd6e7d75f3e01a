/**
 * Ownership checks shared by every resolver and every `__resolveReference`: the query planner
 * can reach an entity from anywhere in the graph, so each entry point checks on its own.
 */
import type { Identity } from './identity';
import { ErrorCode, bankError, forbidden, unauthenticated } from './errors';
import type { Logger } from './logger';

/** The customer a request acts for: the signed-in customer, or the one a service acts for. */
export function currentCustomerId(identity: Identity): string {
  const customerId = identity.kind === 'gateway' ? identity.userId : identity.actingFor;
  if (!customerId) throw unauthenticated();
  return customerId;
}

/** Refuses (and audits) access to another customer's data. */
export function assertOwnedBy(identity: Identity, ownerId: string, log: Logger, what: string): void {
  const customerId = currentCustomerId(identity);
  if (customerId !== ownerId) {
    log.warn({ event: { action: 'access-denied', category: 'authorization' }, customerId, resource: what }, 'access to another customer\'s data refused');
    throw forbidden();
  }
}

/** Internal operations accept only a service credential carrying the scope, never a user identity. */
export function requireServiceScope(identity: Identity, scope: string): { service: string; actingFor?: string } {
  if (identity.kind !== 'service') {
    throw bankError(ErrorCode.Forbidden, '仅限内部服务调用');
  }
  if (!identity.scopes.includes(scope)) throw bankError(ErrorCode.Forbidden, `服务凭证缺少权限 ${scope}`);
  return identity;
}
