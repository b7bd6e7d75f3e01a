import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { DEMO_PRODUCTS } from '../../product/seed';
import { callAsStaff } from './opsClient';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const productId = (code: string) => DEMO_PRODUCTS.find((product) => product.code === code)!.id;

const TRACK = `mutation Track($events: [BehaviorEventInput!]!) { trackEvents(events: $events) { accepted duplicates } }`;
interface Track {
  trackEvents: { accepted: number; duplicates: number };
}

const at = (base: string, seconds: number) => new Date(Date.parse(base) + seconds * 1000).toISOString();
const TODAY = '2026-11-25T01:00:00.000Z'; // 09:00 in Shanghai, an hour before the test clock
const YESTERDAY = '2026-11-24T03:00:00.000Z';

/** The known event set the analytics are checked against. */
const zhangApp = [
  { clientEventId: 'z-1', type: 'SESSION_START', occurredAt: at(TODAY, 0), sessionId: 's1' },
  { clientEventId: 'z-2', type: 'PAGE_VIEW', occurredAt: at(TODAY, 1), sessionId: 's1', page: 'home' },
  { clientEventId: 'z-3', type: 'PAGE_VIEW', occurredAt: at(TODAY, 5), sessionId: 's1', page: 'wealth' },
  { clientEventId: 'z-4', type: 'PRODUCT_VIEW', occurredAt: at(TODAY, 10), sessionId: 's1', productId: productId('WM-WX90') },
  { clientEventId: 'z-5', type: 'PAGE_VIEW', occurredAt: at(TODAY, 12), sessionId: 's1', page: 'product' },
  { clientEventId: 'z-6', type: 'PRODUCT_VIEW', occurredAt: at(TODAY, 20), sessionId: 's1', productId: productId('WM-TTL') },
  { clientEventId: 'z-7', type: 'SESSION_END', occurredAt: at(TODAY, 60), sessionId: 's1' },
];
const liWeb = [
  { clientEventId: 'l-1', type: 'PAGE_VIEW', occurredAt: at(TODAY, 0), sessionId: 's2', page: 'home' },
  { clientEventId: 'l-2', type: 'PAGE_VIEW', occurredAt: at(TODAY, 30), sessionId: 's2', page: 'wealth' },
  { clientEventId: 'l-3', type: 'PRODUCT_VIEW', occurredAt: at(TODAY, 40), sessionId: 's2', productId: productId('TD-3Y') },
];
const anonymousWeb = [
  { clientEventId: 'a-1', type: 'PAGE_VIEW', occurredAt: at(TODAY, 0), sessionId: 's3', anonymousId: 'anon-1', page: 'home' },
  { clientEventId: 'a-2', type: 'SEARCH', occurredAt: at(TODAY, 10), sessionId: 's3', anonymousId: 'anon-1', target: '理财' },
  { clientEventId: 'a-3', type: 'PAGE_VIEW', occurredAt: at(TODAY, 20), sessionId: 's3', anonymousId: 'anon-1', page: 'wealth' },
];
const zhangWebYesterday = [
  { clientEventId: 'zw-1', type: 'PAGE_VIEW', occurredAt: at(YESTERDAY, 0), sessionId: 's4', page: 'home' },
  { clientEventId: 'zw-2', type: 'PRODUCT_VIEW', occurredAt: at(YESTERDAY, 30), sessionId: 's4', productId: productId('CC-GOLD') },
];

const ANALYTICS = `query($from: String!, $to: String!, $month: String!, $customerId: ID) {
  dailyActiveCustomers(from: $from, to: $to) { day channel activeCustomers visitors }
  monthlyActiveCustomers(month: $month) { channel activeCustomers }
  sessionStats(from: $to, to: $to) { channel sessions averageEvents averageDurationSeconds }
  pageFlows(from: $to, to: $to) { fromPage toPage count }
  overall: productPreferences(from: $from, to: $to) { kind views share }
  customer: productPreferences(from: $from, to: $to, customerId: $customerId) { kind views share }
  conversionFunnel(from: $from, to: $to) { kind viewers purchasers conversionRate }
}`;
type Analytics = Record<string, any[]>;
const range = { from: '2026-11-24', to: '2026-11-25', month: '2026-11', customerId: zhang.id };

describe('behavior collection and analytics', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liWebToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'product', 'marketing'] });
    zhangToken = await platform.login(zhang.mobile);
    liWebToken = await platform.login(li.mobile, 'WEB');
  });
  afterAll(() => platform?.stop());

  it('stores batches from every channel once, and refuses bad events with their path', async () => {
    const first = await platform.query<Track>(TRACK, { token: zhangToken, variables: { events: zhangApp } });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.trackEvents).toEqual({ accepted: 7, duplicates: 0 });
    // A redelivered batch, and a batch repeating an event inside itself.
    expect((await platform.query<Track>(TRACK, { token: zhangToken, variables: { events: zhangApp } })).body.data!.trackEvents).toEqual({
      accepted: 0,
      duplicates: 7,
    });
    expect(
      (await platform.query<Track>(TRACK, { token: liWebToken, channel: 'WEB', variables: { events: [...liWeb, liWeb[0]] } })).body.data!
        .trackEvents,
    ).toEqual({
      accepted: 3,
      duplicates: 1,
    });
    expect((await platform.query<Track>(TRACK, { channel: 'WEB', variables: { events: anonymousWeb } })).body.data!.trackEvents).toEqual({
      accepted: 3,
      duplicates: 0,
    });
    // Client event ids are per channel: the same id on WEB is another event.
    const webToken = await platform.login(zhang.mobile, 'WEB');
    expect(
      (await platform.query<Track>(TRACK, { token: webToken, channel: 'WEB', variables: { events: zhangWebYesterday } })).body.data!
        .trackEvents,
    ).toEqual({
      accepted: 2,
      duplicates: 0,
    });

    const refusals: [Record<string, unknown>[], string, string | null][] = [
      [[zhangApp[1]!, { ...zhangApp[3]!, clientEventId: 'bad-1', productId: null }], 'events.1.productId', zhangToken],
      [[{ ...anonymousWeb[0]!, clientEventId: 'bad-2', anonymousId: null }], 'events.0.anonymousId', null],
      [[{ ...zhangApp[1]!, clientEventId: 'bad-3', occurredAt: '2026-11-17T00:00:00.000Z' }], 'events.0.occurredAt', zhangToken],
      [[{ ...zhangApp[1]!, clientEventId: 'has space' }], 'events.0.clientEventId', zhangToken],
      [[], 'events', zhangToken],
    ];
    for (const [events, field, token] of refusals) {
      const { body } = await platform.query<Track>(TRACK, {
        token: token ?? undefined,
        channel: token ? 'MOBILE_APP' : 'WEB',
        variables: { events },
      });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('links the anonymous events to the customer at sign-in, through the internal operation only', async () => {
    const LINK = `mutation($anonymousId: String!) { linkAnonymousEvents(anonymousId: $anonymousId) }`;
    const asCustomer = await platform.callCenter('marketing', LINK, { variables: { anonymousId: 'anon-1' }, as: { customerId: li.id } });
    expect(asCustomer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const before = await callAsStaff<Analytics>(platform, ANALYTICS, range);
    expect(before.body.data!.dailyActiveCustomers!.find((row) => row.day === '2026-11-25' && row.channel === 'WEB')).toEqual({
      day: '2026-11-25',
      channel: 'WEB',
      activeCustomers: 1,
      visitors: 2,
    });
    const linked = await platform.callCenter<{ linkAnonymousEvents: number }>('marketing', LINK, {
      variables: { anonymousId: 'anon-1' },
      as: { service: 'auth', actingFor: li.id, scopes: ['marketing:behavior:link'] },
    });
    expect(linked.body.data!.linkAnonymousEvents).toBe(3);
    const again = await platform.callCenter<{ linkAnonymousEvents: number }>('marketing', LINK, {
      variables: { anonymousId: 'anon-1' },
      as: { service: 'auth', actingFor: zhang.id, scopes: ['marketing:behavior:link'] },
    });
    // Already linked events are never moved to another customer.
    expect(again.body.data!.linkAnonymousEvents).toBe(0);
  });

  it('answers the operations queries with the numbers of the known event set', async () => {
    await platform.callCenter('marketing', `mutation($event: OrderEventInput!) { recordOrderEvent(event: $event) { duplicate } }`, {
      variables: {
        event: {
          eventId: 'evt-wealth-1',
          orderId: 'order-wealth-1',
          customerId: zhang.id,
          orderKind: 'WEALTH_PURCHASE',
          status: 'COMPLETED',
          amount: '10000.00',
          channel: 'MOBILE_APP',
          productId: productId('WM-WX90'),
          occurredAt: at(TODAY, 90),
        },
      },
      as: { service: 'finance', scopes: ['marketing:order-events:write'] },
    });
    const { body } = await callAsStaff<Analytics>(platform, ANALYTICS, range);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    expect(data.dailyActiveCustomers).toEqual([
      { day: '2026-11-24', channel: 'WEB', activeCustomers: 1, visitors: 1 },
      // Channels in the enum's order: WEB, MOBILE_APP, …
      { day: '2026-11-25', channel: 'WEB', activeCustomers: 1, visitors: 1 },
      { day: '2026-11-25', channel: 'MOBILE_APP', activeCustomers: 1, visitors: 1 },
    ]);
    expect(data.monthlyActiveCustomers).toEqual([
      { channel: 'WEB', activeCustomers: 2 },
      { channel: 'MOBILE_APP', activeCustomers: 1 },
    ]);
    expect(data.sessionStats).toEqual([
      { channel: 'WEB', sessions: 2, averageEvents: '3.00', averageDurationSeconds: 30 },
      { channel: 'MOBILE_APP', sessions: 1, averageEvents: '7.00', averageDurationSeconds: 60 },
    ]);
    expect(data.pageFlows).toEqual([
      { fromPage: 'home', toPage: 'wealth', count: 3 },
      { fromPage: 'wealth', toPage: 'product', count: 1 },
    ]);
    expect(data.overall).toEqual([
      { kind: 'WEALTH', views: 2, share: '0.5000' },
      { kind: 'TIME_DEPOSIT', views: 1, share: '0.2500' },
      { kind: 'CREDIT_CARD', views: 1, share: '0.2500' },
    ]);
    expect(data.customer).toEqual([
      { kind: 'WEALTH', views: 2, share: '0.6667' },
      { kind: 'CREDIT_CARD', views: 1, share: '0.3333' },
    ]);
    expect(data.conversionFunnel).toEqual([
      { kind: 'WEALTH', viewers: 1, purchasers: 1, conversionRate: '1.0000' },
      { kind: 'TIME_DEPOSIT', viewers: 1, purchasers: 0, conversionRate: '0.0000' },
      { kind: 'LOAN', viewers: 0, purchasers: 0, conversionRate: '0.0000' },
      { kind: 'CREDIT_CARD', viewers: 1, purchasers: 0, conversionRate: '0.0000' },
    ]);
  });

  it('refuses analytics to customers, to staff without the role, and bad ranges with the field', async () => {
    const customer = await platform.query(`query { dailyActiveCustomers(from: "2026-11-01", to: "2026-11-25") { day } }`, {
      token: zhangToken,
    });
    expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await platform.query(`query { conversionFunnel(from: "2026-11-01", to: "2026-11-25") { kind } }`, { channel: 'WEB' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = await callAsStaff(platform, ANALYTICS, range, ['RISK_ANALYST']);
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await callAsStaff(platform, `query { sessionStats(from: "2026-11-25", to: "2026-11-01") { channel } }`, {});
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const badDay = await callAsStaff(platform, `query { sessionStats(from: "2026-02-30", to: "2026-03-01") { channel } }`, {});
    expect(badDay.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it("ranks recommendations by the customer's viewed kinds, still only suitable products", async () => {
    // 李秀英 (expired assessment: R1 only) looked at the three-year deposit on the web.
    const { body } = await platform.query<{
      me: { recommendedProducts: { reason: string; product: { code: string; riskLevel: string } }[] };
    }>(`query { me { recommendedProducts(first: 5) { reason product { code riskLevel } } } }`, { token: liWebToken, channel: 'WEB' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.recommendedProducts).toEqual([
      { reason: '您近期常看定期存款 · 存款保险保障，利率锁定三年', product: { code: 'TD-3Y', riskLevel: 'R1' } },
      { reason: '「双十二理财节」进行中 · 随存随取，闲钱理财首选', product: { code: 'WM-TTL', riskLevel: 'R1' } },
    ]);
  });
});
