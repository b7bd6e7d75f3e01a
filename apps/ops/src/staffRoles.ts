/**
 * The signed-in staff member's roles, read from the access token's `rol` claim. Only for choosing which
 * screens to show: every staff field checks the role again on the server, so a screen shown by
 * mistake answers FORBIDDEN.
 */
export type StaffRole = 'OPERATOR' | 'RISK_ANALYST' | 'ADMIN';

export const ROLE_NAMES: Readonly<Record<StaffRole, string>> = { OPERATOR: '运营', RISK_ANALYST: '风控分析', ADMIN: '管理员' };

export function rolesOf(accessToken: string | undefined): StaffRole[] {
  const payload = accessToken?.split('.')[1];
  if (!payload) return [];
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { rol?: unknown };
    return Array.isArray(claims.rol) ? claims.rol.filter((role): role is StaffRole => role in ROLE_NAMES) : [];
  } catch {
    return [];
  }
}

export const hasAnyRole = (roles: readonly StaffRole[], wanted: readonly StaffRole[]) => roles.some((role) => wanted.includes(role));
