/**
 * Which center may use which of user's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('user', {
  'user:behavior-consent:read': ['marketing'],
  'user:customer:register': ['auth'],
  'user:face:match': ['auth'],
  'user:identity:read': ['account'],
  'user:profile:read': ['limits'],
  'user:risk-profile:read': ['limits', 'marketing', 'product'],
});
