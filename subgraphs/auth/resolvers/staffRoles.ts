import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { Identity, StaffRole } from '../../../platform/identity/identity';

/** A staff session on the OPS channel holding at least one of `roles`. */
export function requireAnyStaffRole(identity: Identity, roles: readonly StaffRole[]): { userId: string } {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel !== 'OPS' || !identity.roles?.some((role) => roles.includes(role))) {
    throw bankError(ErrorCode.Forbidden, '需要运营人员权限');
  }
  return { userId: identity.userId };
}
