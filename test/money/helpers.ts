/** Shared pieces of the money-movement tests: the transfer mutation and the ledger audit. */
import { signGatewayIdentity, signServiceCredential, INTERNAL_IDENTITY_HEADER } from '../../platform/identity/identity';
import { shanghaiDay } from '../../platform/businessDay';
import type { DemoCustomer } from '../../subgraphs/kit/demo';
import type { TestPlatform } from '../support/platform';

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

/** A same-bank transfer from the payer's first account to the payee's, under a new key. */
export async function transferBetween(platform: TestPlatform, token: string, payer: DemoCustomer, payee: DemoCustomer, amount: string) {
  const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
    token,
    variables: {
      input: {
        idempotencyKey: newKey('transfer'),
        fromAccountId: payer.accounts[0]!.id,
        toAccountNumber: payee.accounts[0]!.number,
        toName: payee.name,
        amount,
      },
    },
  });
  return body;
}

export async function ledgerAudit(platform: TestPlatform) {
  const { body } = await platform.callCenter<{
    ledgerAudit: { sumOfAllBalances: string; unbalancedEntries: number; overdrawnCustomerAccounts: number; duplicatePostings: number };
  }>('account', '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }', {
    as: { service: 'finance', scopes: ['account:ledger:read'] },
  });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.ledgerAudit;
}

export async function balances(platform: TestPlatform, token: string): Promise<Record<string, string>> {
  const { body } = await platform.query<{ accounts: { id: string; balance: { amount: string } }[] }>(
    '{ accounts { id balance { amount } } }',
    { token },
  );
  return Object.fromEntries(body.data!.accounts.map((account) => [account.id, account.balance.amount]));
}

export { signServiceCredential, INTERNAL_IDENTITY_HEADER };

/** Runs the daily reconciliation as an operator (OPS channel, OPERATOR role) directly on the finance center. */
export async function reconciliation(platform: TestPlatform, day: string, roles: ('OPERATOR' | 'RISK_ANALYST')[] = ['OPERATOR']) {
  const header = await signGatewayIdentity(
    { channel: 'OPS', userId: 'staff-ops-0001', authLevel: 2, roles },
    { audience: 'finance', clock: platform.clock },
  );
  const response = await fetch(platform.centers.finance!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: header },
    body: JSON.stringify({
      query:
        'query($d: String!) { reconciliationReport(day: $d) ' +
        '{ day ordersChecked entriesChecked reservationsChecked clean mismatches { orderId code detail } } }',
      variables: { d: day },
    }),
  });
  return (await response.json()) as {
    data?: {
      reconciliationReport: {
        day: string;
        ordersChecked: number;
        entriesChecked: number;
        reservationsChecked: number;
        clean: boolean;
        mismatches: { orderId: string; code: string; detail: string }[];
      };
    };
    errors?: { extensions?: { code?: string } }[];
  };
}

/** The Asia/Shanghai day of the platform clock. */
export function shanghaiToday(platform: TestPlatform): string {
  return shanghaiDay(platform.clock.now());
}

/** Reads an order straight from the finance center (as its owner). */
export async function orderStatus(platform: TestPlatform, customerId: string, orderId: string): Promise<string> {
  const { body } = await platform.callCenter<{ _entities: { status: string }[] }>(
    'finance',
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { status } } }',
    { variables: { r: [{ __typename: 'Order', id: orderId }] }, as: { customerId } },
  );
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data._entities[0]!.status;
}
