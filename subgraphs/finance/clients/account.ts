/** What finance asks the account center: transfer parties, and the ledger steps of an order. */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface TransferAccountView {
  accountId: string;
  number: string;
  holderName: string;
  accountClass: 'I' | 'II' | 'III';
  boundAccountId: string | null;
  status: string;
  currency: string;
  ownedByCustomer: boolean;
}

export interface TransferPartiesView {
  source: TransferAccountView;
  destination: TransferAccountView | null;
  destinationNameMatches: boolean;
}

export interface LedgerLegInput {
  accountId?: string;
  ledgerCode?: string;
  direction: 'DEBIT' | 'CREDIT';
  amount: string;
  counterpartyName?: string | null;
  counterpartyAccountNumber?: string | null;
  counterpartyBank?: string | null;
}

export interface LedgerEntryView {
  entryId: string;
  orderId: string;
  phase: 'FORWARD' | 'REVERSAL';
  kind: string;
  total: string;
  amount: string;
  postingCount: number;
}

export interface LedgerAuditView {
  sumOfAllBalances: string;
  unbalancedEntries: number;
  overdrawnCustomerAccounts: number;
  duplicatePostings: number;
}

export interface AccountCenterClient {
  transferParties(
    customerId: string,
    args: { sourceAccountId: string; destinationAccountNumber: string; destinationName: string },
  ): Promise<TransferPartiesView>;
  post(input: {
    orderId: string;
    kind: string;
    memo?: string | null;
    channel?: string | null;
    legs: LedgerLegInput[];
  }): Promise<{ entryId: string; created: boolean }>;
  reverse(orderId: string, kind: string, memo?: string): Promise<{ entryId: string; created: boolean }>;
  voidOrder(orderId: string): Promise<{ voided: boolean; entryId: string }>;
  entriesOf(orderIds: string[]): Promise<LedgerEntryView[]>;
  entriesPostedBetween(from: Date, to: Date): Promise<LedgerEntryView[]>;
  audit(): Promise<LedgerAuditView>;
}

const POST = 'account:ledger:post';
const READ = 'account:ledger:read';

export function createAccountCenterClient(clock: Clock): AccountCenterClient {
  const client = createInternalClient({ caller: 'finance', target: 'account', clock, timeoutMs: 10_000 });
  return {
    async transferParties(customerId, args) {
      const account = 'accountId number holderName accountClass boundAccountId status currency ownedByCustomer';
      const data = await client.request<{ transferParties: TransferPartiesView }>(
        `query($s: ID!, $n: String!, $m: String!) { transferParties(sourceAccountId: $s, destinationAccountNumber: $n, destinationName: $m) {
           source { ${account} } destination { ${account} } destinationNameMatches } }`,
        { s: args.sourceAccountId, n: args.destinationAccountNumber, m: args.destinationName },
        { actingFor: customerId, scopes: ['account:accounts:lookup'] },
      );
      return data.transferParties;
    },
    async post(input) {
      const data = await client.request<{ postLedgerEntry: { entryId: string; created: boolean } }>(
        'mutation($input: LedgerEntryInput!) { postLedgerEntry(input: $input) { entryId created } }',
        { input },
        { scopes: [POST] },
      );
      return data.postLedgerEntry;
    },
    async reverse(orderId, kind, memo) {
      const data = await client.request<{ reverseLedgerEntry: { entryId: string; created: boolean } }>(
        'mutation($o: ID!, $k: String!, $m: String) { reverseLedgerEntry(orderId: $o, kind: $k, memo: $m) { entryId created } }',
        { o: orderId, k: kind, m: memo ?? null },
        { scopes: [POST] },
      );
      return data.reverseLedgerEntry;
    },
    async voidOrder(orderId) {
      const data = await client.request<{ voidLedgerOrder: { voided: boolean; entryId: string } }>(
        'mutation($o: ID!) { voidLedgerOrder(orderId: $o) { voided entryId } }',
        { o: orderId },
        { scopes: [POST] },
      );
      return data.voidLedgerOrder;
    },
    async entriesOf(orderIds) {
      const data = await client.request<{ ledgerEntriesOfOrders: LedgerEntryView[] }>(
        'query($ids: [ID!]!) { ledgerEntriesOfOrders(orderIds: $ids) { entryId orderId phase kind total amount postingCount } }',
        { ids: orderIds },
        { scopes: [READ] },
      );
      return data.ledgerEntriesOfOrders;
    },
    async entriesPostedBetween(from, to) {
      const data = await client.request<{ ledgerEntriesPostedBetween: LedgerEntryView[] }>(
        'query($f: DateTime!, $t: DateTime!) { ledgerEntriesPostedBetween(from: $f, to: $t) { entryId orderId phase kind total amount postingCount } }',
        { f: from.toISOString(), t: to.toISOString() },
        { scopes: [READ] },
      );
      return data.ledgerEntriesPostedBetween;
    },
    async audit() {
      const data = await client.request<{ ledgerAudit: LedgerAuditView }>(
        '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }',
        {},
        { scopes: [READ] },
      );
      return data.ledgerAudit;
    },
  };
}
