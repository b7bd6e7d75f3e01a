/**
 * Which center may use which of marketing's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('marketing', {
  'marketing:behavior:link': ['auth'],
  'marketing:coupon:redeem': ['finance'],
  'marketing:coupon:release': ['finance'],
  'marketing:messages:write': ['finance'],
  'marketing:order-events:write': ['finance'],
  'marketing:points:spend': ['finance'],
});
