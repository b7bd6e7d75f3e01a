/**
 * The limits center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts). All of it is finance's:
 * - an order's limit reservation: reserve (acting for the customer), commit, release, and the
 *   reservations daily reconciliation reads;
 * - the customer's signed agreements a wealth purchase needs (acting for the customer);
 * - the end of a loan-repayment order the limits center asked for, and which of those still wait.
 * And the account center's: whether the customer signed the version in force of an agreement (acting for them).
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { WithStoredValues, createInternalClient } from '../kit/internalClient';
import {
  AgreementInForceSignedDocument,
  ApplyRepaymentOrderEventDocument,
  CommitLimitReservationDocument,
  LimitReservationInput,
  LimitReservationsDocument,
  LimitReservationsOfDayDocument,
  PendingRepaymentOrderClaimsDocument,
  ReleaseLimitReservationDocument,
  RepaymentOrderEventInput,
  ReservationFactsFragment,
  ReserveLimitDocument,
  ReserveLimitMutation,
} from './client/operations.generated';

export type { LimitReservationInput, RepaymentOrderEventInput } from './client/operations.generated';
export type ReservationView = ReservationFactsFragment;
/**
 * The payer's side of an order (acting for the payer) and, in `inflow`, the receiving class II/III
 * account of this bank with its owner — only when the paying account is not that account's bound
 * account; absent, nothing is reserved on the payee's side.
 */
export type ReservationRequest = WithStoredValues<LimitReservationInput, 'accountClass' | 'channel'>;
export type ReservationAnswer = ReserveLimitMutation['reserveLimit'];

export interface LimitsCenterClient {
  reserve(customerId: string, input: ReservationRequest): Promise<ReservationAnswer>;
  /** Both sides of the order (payer's and payee's); answers the payer's. */
  commit(orderId: string): Promise<ReservationView | null>;
  /** Both sides of the order, usage given back once; answers the payer's. */
  release(orderId: string): Promise<ReservationView | null>;
  reservationsOf(orderIds: string[]): Promise<ReservationView[]>;
  reservationsOfDay(day: string): Promise<ReservationView[]>;
  /** Whether the customer signed the version of `code` in force now; `version` null when no version is in force. */
  agreementInForceSigned(customerId: string, code: string): Promise<{ version: string | null; signed: boolean }>;
  /** Settles the repayment's row once per event id; resolves once applied (or already had). */
  applyRepaymentOrderEvent(event: RepaymentOrderEventInput): Promise<boolean>;
  /** Which of these repayment order keys still have a PENDING row. */
  pendingRepaymentOrderClaims(orderKeys: string[]): Promise<string[]>;
}

const RESERVE = ['limits:reserve'];
const READ = ['limits:read'];

/** The clock signs the credential, so it must be the same clock the limits center verifies with. */
export function createLimitsCenterClient(caller: CenterName, clock: Clock, options: { timeoutMs?: number } = {}): LimitsCenterClient {
  const client = createInternalClient({ caller, target: 'limits', clock, timeoutMs: options.timeoutMs });
  return {
    async reserve(customerId, input) {
      const data = await client.request(
        ReserveLimitDocument,
        { input: input as LimitReservationInput },
        { actingFor: customerId, scopes: RESERVE },
      );
      return data.reserveLimit;
    },
    async commit(orderId) {
      return (await client.request(CommitLimitReservationDocument, { orderId }, { scopes: RESERVE })).commitLimitReservation;
    },
    async release(orderId) {
      return (await client.request(ReleaseLimitReservationDocument, { orderId }, { scopes: RESERVE })).releaseLimitReservation;
    },
    async reservationsOf(orderIds) {
      return (await client.request(LimitReservationsDocument, { orderIds }, { scopes: READ })).limitReservations;
    },
    async reservationsOfDay(day) {
      return (await client.request(LimitReservationsOfDayDocument, { day }, { scopes: READ })).limitReservationsOfDay;
    },
    async agreementInForceSigned(customerId, code) {
      const data = await client.request(
        AgreementInForceSignedDocument,
        { code },
        { actingFor: customerId, scopes: ['limits:agreements:read'] },
      );
      const version = data.agreementTemplate?.version ?? null;
      const signed =
        version !== null && data.agreements.some((agreement) => agreement.templateCode === code && agreement.version === version);
      return { version, signed };
    },
    async applyRepaymentOrderEvent(event) {
      const data = await client.request(ApplyRepaymentOrderEventDocument, { event }, { scopes: ['limits:order-events:apply'] });
      return data.applyRepaymentOrderEvent;
    },
    async pendingRepaymentOrderClaims(orderKeys) {
      const data = await client.request(PendingRepaymentOrderClaimsDocument, { orderKeys }, { scopes: ['limits:claims:read'] });
      return data.pendingRepaymentOrderClaims;
    },
  };
}
