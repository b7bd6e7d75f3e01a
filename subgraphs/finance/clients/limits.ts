/** What finance asks the limits center: reserve an order's amount, commit or release it. */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface ReservationView {
  orderId: string;
  accountId: string;
  amount: string;
  status: 'RESERVED' | 'COMMITTED' | 'RELEASED';
}

export interface ReserveInput {
  orderId: string;
  accountId: string;
  accountClass: string;
  countsToClassLimit: boolean;
  channel: string;
  amount: string;
}

export interface LimitsCenterClient {
  reserve(customerId: string, input: ReserveInput): Promise<{ ok: boolean; limit: string | null; reason: string | null }>;
  commit(orderId: string): Promise<ReservationView | null>;
  release(orderId: string): Promise<ReservationView | null>;
  reservationsOf(orderIds: string[]): Promise<ReservationView[]>;
  reservationsOfDay(day: string): Promise<ReservationView[]>;
}

const VIEW = 'orderId accountId amount status';

export function createLimitsCenterClient(clock: Clock): LimitsCenterClient {
  const client = createInternalClient({ caller: 'finance', target: 'limits', clock, timeoutMs: 10_000 });
  return {
    async reserve(customerId, input) {
      const data = await client.request<{ reserveLimit: { ok: boolean; limit: string | null; reason: string | null } }>(
        'mutation($input: LimitReservationInput!) { reserveLimit(input: $input) { ok limit reason } }',
        { input },
        { actingFor: customerId, scopes: ['limits:reserve'] },
      );
      return data.reserveLimit;
    },
    async commit(orderId) {
      const data = await client.request<{ commitLimitReservation: ReservationView | null }>(
        `mutation($o: ID!) { commitLimitReservation(orderId: $o) { ${VIEW} } }`,
        { o: orderId },
        { scopes: ['limits:reserve'] },
      );
      return data.commitLimitReservation;
    },
    async release(orderId) {
      const data = await client.request<{ releaseLimitReservation: ReservationView | null }>(
        `mutation($o: ID!) { releaseLimitReservation(orderId: $o) { ${VIEW} } }`,
        { o: orderId },
        { scopes: ['limits:reserve'] },
      );
      return data.releaseLimitReservation;
    },
    async reservationsOf(orderIds) {
      const data = await client.request<{ limitReservations: ReservationView[] }>(
        `query($ids: [ID!]!) { limitReservations(orderIds: $ids) { ${VIEW} } }`,
        { ids: orderIds },
        { scopes: ['limits:read'] },
      );
      return data.limitReservations;
    },
    async reservationsOfDay(day) {
      const data = await client.request<{ limitReservationsOfDay: ReservationView[] }>(
        `query($d: String!) { limitReservationsOfDay(day: $d) { ${VIEW} } }`,
        { d: day },
        { scopes: ['limits:read'] },
      );
      return data.limitReservationsOfDay;
    },
  };
}
