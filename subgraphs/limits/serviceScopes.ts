/**
 * Which center may use which of limits's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('limits', {
  'limits:agreements:read': ['account', 'finance'],
  'limits:claims:read': ['finance'],
  'limits:order-events:apply': ['finance'],
  'limits:read': ['finance'],
  'limits:reserve': ['finance'],
});
