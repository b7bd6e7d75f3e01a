/**
 * Which center may use which of finance's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('finance', {
  'finance:order:create': ['life', 'limits'],
  'finance:loan:disburse': ['limits'],
  'finance:payees:read': ['marketing'],
});
