/**
 * The benchmark's scenarios: which channel operation, with which variables, against which peers.
 * Every peer runs the very same document, the one the scenario's channel runs (`schema/operations/`,
 * named by the channel's manifest); the full gateway receives it by trusted-document id with the
 * customer's access token, the others as text with the signed internal credential, which they
 * forward to the subgraphs.
 */
import { randomUUID } from 'node:crypto';
import type { CenterName } from '../../platform/centers';
import type { ChannelName } from '../../platform/identity/identity';
import { DEMO_PRODUCTS } from '../../subgraphs/product/seed';
import { documentId, readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { DemoCustomer } from '../../subgraphs/kit/demo';
import type { PeerName, ScenarioName } from './settings';
import { BENCH_CUSTOMER, GROWTH_CUSTOMER } from './seed';

export interface Scenario {
  name: ScenarioName;
  title: string;
  channel: ChannelName;
  operationName: string;
  document: string;
  documentId: string;
  peers: PeerName[];
  /**
   * Who sends: `bench` — every connection is the bench customer; `crowd` — each connection signs
   * in as its own bench customer and pays another (scripts/bench/seed.ts `crowdPair`).
   */
  senders?: 'bench' | 'crowd';
  /** A money scenario: the ledger is audited before and after (drift must be 0). */
  movesMoney?: boolean;
  /** The one center a single-subgraph scenario reaches: the floor peer calls it directly. */
  center?: CenterName;
  /** Fresh per request for mutations (unique idempotency keys and event ids); `pair` for crowd scenarios. */
  variables(pair?: { payer: DemoCustomer; payee: DemoCustomer }): Record<string, unknown>;
  /** What a correct answer looks like (checked on a sample before and after each measurement). */
  check(data: Record<string, unknown>): boolean;
}

function operation(channel: ChannelName, operationName: string): { document: string; documentId: string } {
  const document = readOperationDocument(channel, operationName);
  return { document, documentId: documentId(document) };
}

/** 0.01 from the payer's first account to the payee's first, a new idempotency key each. */
function transferOf(payer: DemoCustomer, payee: DemoCustomer): Record<string, unknown> {
  return {
    input: {
      fromAccountId: payer.accounts[0]!.id,
      toAccountNumber: payee.accounts[0]!.number,
      toName: payee.name,
      amount: '0.01',
      memo: '压测转账',
      idempotencyKey: randomUUID(),
    },
  };
}

const transferCompleted = (data: Record<string, unknown>) =>
  (data.createTransfer as { __typename?: string } | null)?.__typename === 'TransferCompleted';

const ALL_GATEWAYS: PeerName[] = ['full', 'bare', 'hive', 'hive-rust'];
let eventBatch = 0;

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  home: {
    name: 'home',
    title: 'mobile home screen (5 subgraphs)',
    channel: 'MOBILE_APP',
    operationName: 'HomeScreen',
    ...operation('MOBILE_APP', 'HomeScreen'),
    peers: ALL_GATEWAYS,
    variables: () => ({}),
    check: (data) =>
      Array.isArray((data.me as { accounts?: unknown[] } | null)?.accounts) && (data.me as { accounts: unknown[] }).accounts.length === 3,
  },
  products: {
    name: 'products',
    title: 'product catalogue page',
    channel: 'WEB',
    operationName: 'Products',
    ...operation('WEB', 'Products'),
    peers: [...ALL_GATEWAYS, 'direct'],
    center: 'product',
    variables: () => ({ first: 20 }),
    check: (data) => ((data.products as { edges?: unknown[] } | null)?.edges?.length ?? 0) > 0,
  },
  history: {
    name: 'history',
    title: 'account history, 20 rows',
    channel: 'WEB',
    operationName: 'AccountHistory',
    ...operation('WEB', 'AccountHistory'),
    peers: [...ALL_GATEWAYS, 'direct'],
    center: 'account',
    variables: () => ({ accountId: BENCH_CUSTOMER.accounts[0]!.id, first: 20 }),
    check: (data) => (data.account as { transactions?: { edges?: unknown[] } } | null)?.transactions?.edges?.length === 20,
  },
  transfers: {
    name: 'transfers',
    title: 'same-bank transfers, end to end, many customers (one payer per connection)',
    channel: 'WEB',
    operationName: 'CreateTransfer',
    ...operation('WEB', 'CreateTransfer'),
    peers: ['full'],
    senders: 'crowd',
    movesMoney: true,
    variables: (pair) => transferOf(pair!.payer, pair!.payee),
    check: transferCompleted,
  },
  'transfers-single': {
    name: 'transfers-single',
    title: 'same-bank transfers, end to end, every connection the same customer',
    channel: 'WEB',
    operationName: 'CreateTransfer',
    ...operation('WEB', 'CreateTransfer'),
    peers: ['full'],
    senders: 'bench',
    movesMoney: true,
    variables: () => transferOf(BENCH_CUSTOMER, GROWTH_CUSTOMER),
    check: transferCompleted,
  },
  events: {
    name: 'events',
    title: 'behavior events, batches of 50',
    channel: 'MOBILE_APP',
    operationName: 'TrackEvents',
    ...operation('MOBILE_APP', 'TrackEvents'),
    peers: [...ALL_GATEWAYS, 'direct'],
    center: 'marketing',
    variables: () => {
      const batch = `${process.pid}-${(eventBatch += 1)}`;
      const now = Date.now();
      return {
        events: Array.from({ length: 50 }, (_, index) => ({
          clientEventId: `bench-${batch}-${index}`,
          type: index % 5 === 0 ? 'PRODUCT_VIEW' : 'PAGE_VIEW',
          occurredAt: new Date(now - (50 - index) * 1000).toISOString(),
          sessionId: `bench-session-${batch}`,
          page: `page-${index % 7}`,
          productId: index % 5 === 0 ? DEMO_PRODUCTS[index % DEMO_PRODUCTS.length]!.id : null,
        })),
      };
    },
    check: (data) => (data.trackEvents as { accepted?: number } | null)?.accepted === 50,
  },
};
