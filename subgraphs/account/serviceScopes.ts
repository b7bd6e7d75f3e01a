/**
 * Which center may use which of account's internal scopes. Checked against the center whose key
 * signed the credential, not against anything the credential claims: a credential carrying a scope
 * its signer is not listed for is refused whole.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('account', {
  'account:accounts:lookup': ['finance'],
  'account:classes:read': ['limits'],
  'account:events:apply': ['finance'],
  'account:ledger:hold': ['finance'],
  'account:ledger:post': ['finance'],
  'account:ledger:read': ['finance'],
});
