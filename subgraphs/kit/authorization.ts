/**
 * Ownership checks shared by every resolver and every `__resolveReference`: the query planner
 * can reach an entity from anywhere in the graph, so each entry point checks on its own.
 */
import type { Identity, StaffRole } from '../../platform/identity/identity';
import { ErrorCode, bankError, forbidden, unauthenticated } from '../../platform/errors';
import type { Logger } from '../../platform/observability/logger';

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
    log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId, resource: what },
      "access to another customer's data refused",
    );
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

/** Staff operations (analytics, risk rules) need a staff session on the OPS channel with the role. */
export function requireStaffRole(identity: Identity, role: StaffRole): { userId: string } {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel !== 'OPS' || !identity.roles?.includes(role)) throw bankError(ErrorCode.Forbidden, '需要运营人员权限');
  return { userId: identity.userId };
}
