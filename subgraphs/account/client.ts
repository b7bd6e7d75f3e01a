/**
 * The account center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts):
 * - finance: the parties of a transfer (acting for the customer), the ledger steps of an order
 *   (post, reverse, void), the entries reconciliation reads, the ledger audit, and the order events
 *   the account center writes balance notices for;
 * - limits: the classes of a customer's accounts.
 * The account center owns accounts and the ledger; no other center reads its database.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { WithStoredValues, createInternalClient } from '../kit/internalClient';
import {
  ApplyOrderEventDocument,
  CustomerAccountClassesDocument,
  CustomerAccountClassesQuery,
  LedgerAuditDocument,
  LedgerAuditQuery,
  LedgerEntriesOfOrdersDocument,
  LedgerEntriesPostedBetweenDocument,
  LedgerEntryFactsFragment,
  LedgerEntryInput,
  LedgerOrderEventInput,
  PostLedgerEntryDocument,
  PostLedgerEntryMutation,
  ReverseLedgerEntryDocument,
  TransferPartiesDocument,
  TransferPartiesQuery,
  VoidLedgerOrderDocument,
  VoidLedgerOrderMutation,
} from './client/operations.generated';

export type { LedgerEntryInput, LedgerLegInput, LedgerOrderEventInput } from './client/operations.generated';

export type TransferPartiesView = TransferPartiesQuery['transferParties'];
/** The paying account: the payee's account carries no holder name (it is only matched, by the account center). */
export type TransferAccountView = TransferPartiesView['source'];
export type LedgerEntryView = LedgerEntryFactsFragment;
export type LedgerEntryReceipt = PostLedgerEntryMutation['postLedgerEntry'];
export type LedgerVoidResult = VoidLedgerOrderMutation['voidLedgerOrder'];
export type LedgerAuditView = LedgerAuditQuery['ledgerAudit'];
export type AccountClassHolding = CustomerAccountClassesQuery['customerAccountClasses'][number];

export type LedgerEntryRequest = WithStoredValues<LedgerEntryInput, 'channel'>;

export interface TransferPartiesRequest {
  sourceAccountId: string;
  destinationAccountNumber: string;
  destinationName: string;
}

export interface AccountCenterClient {
  transferParties(customerId: string, request: TransferPartiesRequest): Promise<TransferPartiesView>;
  post(input: LedgerEntryRequest): Promise<LedgerEntryReceipt>;
  reverse(orderId: string, kind: string, memo?: string): Promise<LedgerEntryReceipt>;
  voidOrder(orderId: string): Promise<LedgerVoidResult>;
  entriesOf(orderIds: string[]): Promise<LedgerEntryView[]>;
  entriesPostedBetween(from: Date, to: Date): Promise<LedgerEntryView[]>;
  audit(): Promise<LedgerAuditView>;
  /** Resolves once the account center has applied (or already had) the event. */
  applyOrderEvent(event: LedgerOrderEventInput): Promise<boolean>;
  /** The customer's open accounts and their PBOC class, class I first. */
  customerAccountClasses(customerId: string): Promise<AccountClassHolding[]>;
}

const LEDGER_POST = ['account:ledger:post'];
const LEDGER_READ = ['account:ledger:read'];

/** The clock signs the credential, so it must be the same clock the account center verifies with. */
export function createAccountCenterClient(caller: CenterName, clock: Clock, options: { timeoutMs?: number } = {}): AccountCenterClient {
  const client = createInternalClient({ caller, target: 'account', clock, timeoutMs: options.timeoutMs });
  return {
    async transferParties(customerId, request) {
      const data = await client.request(TransferPartiesDocument, request, {
        actingFor: customerId,
        scopes: ['account:accounts:lookup'],
      });
      return data.transferParties;
    },
    async post(input) {
      return (await client.request(PostLedgerEntryDocument, { input: input as LedgerEntryInput }, { scopes: LEDGER_POST })).postLedgerEntry;
    },
    async reverse(orderId, kind, memo) {
      const data = await client.request(ReverseLedgerEntryDocument, { orderId, kind, memo: memo ?? null }, { scopes: LEDGER_POST });
      return data.reverseLedgerEntry;
    },
    async voidOrder(orderId) {
      return (await client.request(VoidLedgerOrderDocument, { orderId }, { scopes: LEDGER_POST })).voidLedgerOrder;
    },
    async entriesOf(orderIds) {
      return (await client.request(LedgerEntriesOfOrdersDocument, { orderIds }, { scopes: LEDGER_READ })).ledgerEntriesOfOrders;
    },
    async entriesPostedBetween(from, to) {
      const data = await client.request(
        LedgerEntriesPostedBetweenDocument,
        { from: from.toISOString(), to: to.toISOString() },
        { scopes: LEDGER_READ },
      );
      return data.ledgerEntriesPostedBetween;
    },
    async audit() {
      return (await client.request(LedgerAuditDocument, {}, { scopes: LEDGER_READ })).ledgerAudit;
    },
    async applyOrderEvent(event) {
      return (await client.request(ApplyOrderEventDocument, { event }, { scopes: ['account:events:apply'] })).applyOrderEvent;
    },
    async customerAccountClasses(customerId) {
      const data = await client.request(
        CustomerAccountClassesDocument,
        { userId: customerId },
        { actingFor: customerId, scopes: ['account:classes:read'] },
      );
      return data.customerAccountClasses;
    },
  };
}
