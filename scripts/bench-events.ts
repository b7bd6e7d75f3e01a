/**
 * Behavior-collection benchmark (not a test): prints
 *   1. behavior events ingested per second through the gateway, in batches of 50 (MOBILE_APP,
 *      signed in, several concurrent senders), and
 *   2. the time of each analytics query over one million stored events.
 * Runs the whole platform on scratch databases (the test harness's template copies) on
 * DATABASE_URL (or a throw-away embedded PostgreSQL) and drops them at the end.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench-events.ts
 */
import { Client } from 'pg';
import globalSetup from '../test/support/globalSetup';
import globalTeardown from '../test/support/globalTeardown';
import { startTestPlatform } from '../test/support/platform';
import { testDatabasePrefix } from '../test/support/names';
import { listDatabases } from '../subgraphs/kit/database/provisioning';
import { withDatabase } from '../platform/config';
import { BANK_TIME_ZONE } from '../platform/businessDay';
import { DEMO_CUSTOMERS } from '../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../platform/identity/identity';
import { DEMO_PRODUCTS } from '../subgraphs/product/seed';

const BATCH = 50;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 400);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 8);
const STORED_EVENTS = Number(process.env.BENCH_STORED_EVENTS ?? 1_000_000);
const TRACK = 'mutation TrackEvents($events: [BehaviorEventInput!]!) { trackEvents(events: $events) { accepted duplicates } }';

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  await globalSetup();
  const platform = await startTestPlatform();
  try {
    const token = await platform.login(DEMO_CUSTOMERS[0]!.mobile);
    const now = platform.clock.now().getTime();
    const batch = (n: number) =>
      Array.from({ length: BATCH }, (_, i) => ({
        clientEventId: `bench-${n}-${i}`,
        type: i % 5 === 0 ? 'PRODUCT_VIEW' : 'PAGE_VIEW',
        occurredAt: new Date(now - (BATCH - i) * 1000).toISOString(),
        sessionId: `bench-session-${n}`,
        page: `page-${i % 7}`,
        productId: i % 5 === 0 ? DEMO_PRODUCTS[i % DEMO_PRODUCTS.length]!.id : null,
      }));

    // 1. Ingestion through the gateway.
    let next = 0;
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < BATCHES) {
          const n = next++;
          const { body } = await platform.query<{ trackEvents: { accepted: number } }>(TRACK, { token, variables: { events: batch(n) } });
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          accepted += body.data.trackEvents.accepted;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `ingestion: ${accepted} events in ${BATCHES} batches of ${BATCH}, ${SENDERS} concurrent senders: ` +
        `${Math.round(accepted / seconds)} events/s (${((seconds * 1000) / BATCHES).toFixed(1)} ms per batch on average)`,
    );

    // 2. One million stored events, written straight into the scratch marketing database.
    const serverUrl = process.env.TEST_SERVER_URL!;
    const name = (await listDatabases(serverUrl, testDatabasePrefix())).find((db) => db.endsWith('_marketing') && !db.includes('tpl_'))!;
    const db = new Client({ connectionString: withDatabase(serverUrl, name) });
    await db.connect();
    const seedStarted = performance.now();
    const productIds = DEMO_PRODUCTS.map((product) => `'${product.id}'`).join(',');
    await db.query(`
      INSERT INTO behavior_event (channel, client_event_id, type, customer_id, anonymous_id, session_id, occurred_at, event_day, received_at, page, product_id)
      SELECT (ARRAY['WEB','MOBILE_APP','WECHAT_MINI','WECHAT_BANKING','ALIPAY_MINI']::"Channel"[])[1 + g % 5],
             'seed-' || g,
             (CASE WHEN g % 4 = 0 THEN 'PRODUCT_VIEW' ELSE 'PAGE_VIEW' END)::"BehaviorEventType",
             'customer-' || (g % 20000), NULL, 'session-' || (g / 12), t, (t AT TIME ZONE '${BANK_TIME_ZONE}')::date, t,
             'page-' || (g % 9), CASE WHEN g % 4 = 0 THEN (ARRAY[${productIds}])[1 + g % ${DEMO_PRODUCTS.length}] END
        FROM generate_series(1, ${STORED_EVENTS}) AS g,
             LATERAL (SELECT timestamptz '2026-11-25 02:00:00+00' - (g % 90) * interval '1 day' - (g % 86400) * interval '1 second' AS t) AS times`);
    await db.query('ANALYZE behavior_event');
    const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM behavior_event');
    console.log(`stored events: ${rows[0]!.count} (seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);
    await db.end();

    // Analytics as staff on OPS, straight to the marketing center (staff sign-in is another issue's).
    const identity = await signGatewayIdentity(
      { channel: 'OPS', userId: 'ops-1', authLevel: 2, roles: ['OPERATOR'] },
      { audience: 'marketing', clock: platform.clock },
    );
    const queries: [string, string][] = [
      [
        'dailyActiveCustomers, 30 days',
        'query { dailyActiveCustomers(from: "2026-10-27", to: "2026-11-25") { day channel activeCustomers visitors } }',
      ],
      ['monthlyActiveCustomers', 'query { monthlyActiveCustomers(month: "2026-11") { channel activeCustomers } }'],
      [
        'sessionStats, 7 days',
        'query { sessionStats(from: "2026-11-19", to: "2026-11-25") { channel sessions averageEvents averageDurationSeconds } }',
      ],
      ['pageFlows, 7 days', 'query { pageFlows(from: "2026-11-19", to: "2026-11-25", first: 20) { fromPage toPage count } }'],
      ['productPreferences, 90 days, everyone', 'query { productPreferences(from: "2026-08-28", to: "2026-11-25") { kind views share } }'],
      [
        'productPreferences, 90 days, one customer',
        'query { productPreferences(from: "2026-08-28", to: "2026-11-25", customerId: "customer-42") { kind views share } }',
      ],
      [
        'conversionFunnel, 30 days',
        'query { conversionFunnel(from: "2026-10-27", to: "2026-11-25") { kind viewers purchasers conversionRate } }',
      ],
    ];
    for (const [label, query] of queries) {
      const times: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const begin = performance.now();
        const response = await fetch(platform.centers.marketing!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        times.push(performance.now() - begin);
      }
      console.log(`${label}: ${times.map((time) => time.toFixed(0)).join(' / ')} ms (3 runs)`);
    }
  } finally {
    await platform.stop();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
