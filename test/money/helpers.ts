/** Shared pieces of the money-movement tests: the transfer mutation and the ledger audit. */
import { signServiceCredential, INTERNAL_IDENTITY_HEADER } from '../../subgraphs/kit/identity';
import type { TestPlatform } from '../../subgraphs/kit/testing/platform';

export const CREATE_TRANSFER = `mutation Transfer($input: CreateTransferInput!) {
  createTransfer(input: $input) {
    __typename
    ... on TransferCompleted { order { id status amount { amount } } }
    ... on TransferPending { order { id status } }
    ... on TransferChallengeRequired { order { id status } challengeId methods }
    ... on TransferRejected { order { id status } code reason }
  }
}`;

export interface TransferAnswer {
  __typename: string;
  order?: { id: string; status: string } | null;
  code?: string;
  reason?: string;
  methods?: string[];
  challengeId?: string;
}

let counter = 0;
export const newKey = (prefix = 'k') => `${prefix}-${process.pid}-${Date.now()}-${(counter += 1)}`;

export async function ledgerAudit(platform: TestPlatform) {
  const { body } = await platform.callCenter<{ ledgerAudit: { sumOfAllBalances: string; unbalancedEntries: number; overdrawnCustomerAccounts: number; duplicatePostings: number } }>(
    'account',
    '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }',
    { as: { service: 'finance', scopes: ['account:ledger:read'] } },
  );
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.ledgerAudit;
}

export async function balances(platform: TestPlatform, token: string): Promise<Record<string, string>> {
  const { body } = await platform.query<{ accounts: { id: string; balance: { amount: string } }[] }>('{ accounts { id balance { amount } } }', { token });
  return Object.fromEntries(body.data!.accounts.map((account) => [account.id, account.balance.amount]));
}

export { signServiceCredential, INTERNAL_IDENTITY_HEADER };
