/**
 * Which center may use which of product's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('product', {
  'product:catalogue:read': ['finance', 'limits', 'marketing'],
  'product:suitability:check': ['finance'],
});
