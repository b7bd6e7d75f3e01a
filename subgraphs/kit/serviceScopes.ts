/**
 * Scope allowlists: each center declares, beside its schema (`subgraphs/<center>/serviceScopes.ts`),
 * which calling center may use which of its internal scopes. A scope string in a credential only
 * says what the caller asks for; whether it may ask is decided here, by the center whose key signed
 * the credential (`Identity.service` comes from the verifying key, never from a claim).
 */
import type { CenterName } from '../../platform/centers';
import { ErrorCode, bankError } from '../../platform/errors';
import type { Identity } from '../../platform/identity/identity';

export type ServiceScopes = Readonly<Record<string, readonly CenterName[]>>;

/** Checks at load that every scope belongs to the center declaring it (`<center>:…`). */
export function defineServiceScopes(center: CenterName, scopes: ServiceScopes): ServiceScopes {
  for (const scope of Object.keys(scopes)) {
    if (!scope.startsWith(`${center}:`)) throw new Error(`${center} cannot grant the scope ${scope}: it is not one of its own`);
  }
  return Object.freeze(scopes);
}

/**
 * Refuses (403) a service credential carrying any scope its signer is not granted here, including
 * another center's scopes. Gateway identities carry no scopes and pass.
 */
export function assertScopesGranted(identity: Identity, granted: ServiceScopes): void {
  if (identity.kind !== 'service') return;
  const refused = identity.scopes.find((scope) => !granted[scope]?.includes(identity.service));
  if (refused !== undefined) {
    throw bankError(ErrorCode.Forbidden, `服务 ${identity.service} 无权使用 ${refused}`, { httpStatus: 403 });
  }
}
