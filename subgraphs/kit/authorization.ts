/**
 * Ownership checks shared by every resolver and every `__resolveReference`: the query planner
 * can reach an entity from anywhere in the graph, so each entry point checks on its own.
 */
import type { Identity, ServiceIdentity, StaffRole } from '../../platform/identity/identity';
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

/**
 * Internal operations accept only a service credential carrying the scope, never a user identity.
 * Applied by the kit to every root field marked `@requiresServiceScope` before its resolver runs.
 */
export function requireServiceScope(identity: Identity, scope: string): ServiceIdentity {
  const caller = serviceCaller(identity);
  if (!caller.scopes.includes(scope)) throw bankError(ErrorCode.Forbidden, `服务凭证缺少权限 ${scope}`);
  return caller;
}

/**
 * The calling center (and the customer it acts for) in an internal resolver; its field's
 * `@requiresServiceScope` has already checked the scope.
 */
export function serviceCaller(identity: Identity): ServiceIdentity {
  if (identity.kind !== 'service') throw bankError(ErrorCode.Forbidden, '仅限内部服务调用');
  return identity;
}

/** The customer an internal call acts for; refused when the credential names none. */
export function actingCustomerOf(identity: Identity): string {
  const { actingFor } = serviceCaller(identity);
  if (!actingFor) throw unauthenticated('需要指明客户');
  return actingFor;
}

/** Staff operations (analytics, risk rules) need a staff session on the OPS channel with the role. */
export function requireStaffRole(identity: Identity, role: StaffRole): { userId: string } {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel !== 'OPS' || !identity.roles?.includes(role)) throw bankError(ErrorCode.Forbidden, '需要运营人员权限');
  return { userId: identity.userId };
}
