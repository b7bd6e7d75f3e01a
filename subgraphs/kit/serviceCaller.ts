/**
 * Internal operations only one center may call (finance's order events): the service credential
 * must carry the scope, as for any internal operation, and name that calling center. The calling
 * service is part of the verified credential, so another center holding the scope is still refused.
 */
import type { CenterName } from '../../platform/centers';
import { ErrorCode, bankError } from '../../platform/errors';
import type { Identity } from '../../platform/identity/identity';
import { requireServiceScope } from './authorization';

export function requireServiceCaller(identity: Identity, scope: string, caller: CenterName): { service: string; actingFor?: string } {
  const credential = requireServiceScope(identity, scope);
  if (credential.service !== caller) throw bankError(ErrorCode.Forbidden, `仅限${caller}服务调用`);
  return credential;
}
