import { ManualClock } from '../../../platform/clock';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { createLogger } from '../../../platform/observability/logger';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { DEMO_PRODUCTS } from '../../product/seed';
import type { PrismaClient } from '../__generated__/prisma/client';
import type { CustomerRiskProfile, UserCenterClient } from '../../user/client';
import { createMarketingContext } from '../context';
import { couponStatusAt } from '../service/coupons';
import { PointsError, recordPointsEntry } from '../service/points';
import { maxRiskLevelFor, recommendProducts } from '../service/recommendations';
import { DEMO_COUPONS, RECOMMENDABLE_PRODUCTS } from '../seed';
import { marketingCenter } from '../subgraph';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const profile = (grade: CustomerRiskProfile['grade'], expired = false): CustomerRiskProfile => ({ userId: zhang.id, grade, expired });

describe('suitability', () => {
  it('lets grade Cn buy R1..Rn, and only R1 without a valid assessment', () => {
    expect(['C1', 'C2', 'C3', 'C4', 'C5'].map((grade) => maxRiskLevelFor(profile(grade as CustomerRiskProfile['grade'])))).toEqual([
      'R1',
      'R2',
      'R3',
      'R4',
      'R5',
    ]);
    expect(maxRiskLevelFor(profile('C5', true))).toBe('R1');
    expect(maxRiskLevelFor(profile(null))).toBe('R1');
    expect(maxRiskLevelFor(null)).toBe('R1');
  });

  it('never recommends a product above the grade, for any grade and channel', () => {
    const rank = (level: string) => Number(level.slice(1));
    const byId = new Map(RECOMMENDABLE_PRODUCTS.map((product) => [product.productId, product] as const));
    for (const maxRisk of ['R1', 'R2', 'R3', 'R4', 'R5'] as const) {
      for (const channel of ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI', undefined] as const) {
        const picks = recommendProducts(
          RECOMMENDABLE_PRODUCTS.filter((product) => product.active),
          {
            maxRisk,
            channel,
            first: 10,
            // Heavy interest in a risky kind and a campaign for it must not break suitability.
            viewsByKind: new Map([
              ['WEALTH', 50n],
              ['TIME_DEPOSIT', 3n],
            ]),
            campaigns: [{ title: '理财节', productKinds: ['WEALTH'] }],
          },
        );
        for (const pick of picks) {
          const product = byId.get(pick.productId)!;
          expect(rank(product.riskLevel)).toBeLessThanOrEqual(rank(maxRisk));
          if (channel) expect(product.channels).toContain(channel);
        }
        expect(picks.length).toBeGreaterThan(0);
      }
    }
    const active = RECOMMENDABLE_PRODUCTS.filter((product) => product.active);
    expect(recommendProducts(active, { maxRisk: 'R5', first: 2 }).map((pick) => pick.productId)).toEqual([
      'd0a80001-0000-4000-8000-000000000110',
      'd0a80001-0000-4000-8000-000000000104',
    ]);
    // Deposit views outrank the bank's priority; the reason says why.
    const deposits = recommendProducts(active, { maxRisk: 'R3', first: 2, viewsByKind: new Map([['TIME_DEPOSIT', 2n]]) });
    expect(deposits[0]).toEqual({
      productId: 'd0a80001-0000-4000-8000-000000000105',
      reason: '您近期常看定期存款 · 存款保险保障，利率锁定三年',
    });
    const promoted = recommendProducts(active, {
      maxRisk: 'R1',
      first: 2,
      campaigns: [{ title: '双十二理财节', productKinds: ['WEALTH'] }],
    });
    expect(promoted.map((pick) => pick.reason)).toEqual(['「双十二理财节」进行中 · 随存随取，闲钱理财首选', '存款保险保障，利率锁定三年']);
  });

  it("keeps marketing's copy in step with the product center's catalogue", () => {
    for (const copy of RECOMMENDABLE_PRODUCTS) {
      const product = DEMO_PRODUCTS.find((candidate) => candidate.id === copy.productId);
      expect(product).toBeDefined();
      expect([copy.productId, copy.kind, copy.riskLevel, [...copy.channels].sort()]).toEqual([
        product!.id,
        product!.kind,
        product!.riskLevel,
        [...product!.channels].sort(),
      ]);
      if (copy.active) expect(product!.status).toBe('ON_SALE');
    }
    // Every product is known, so every product view has a kind.
    expect(RECOMMENDABLE_PRODUCTS.map((copy) => copy.productId).sort()).toEqual(DEMO_PRODUCTS.map((product) => product.id).sort());
  });

  it('falls back to R1 products, not to an error, when the user center cannot answer', async () => {
    const failing: Pick<UserCenterClient, 'customerRiskProfile' | 'behaviorConsent'> = {
      customerRiskProfile: () => Promise.reject(new Error('user center unavailable')),
      behaviorConsent: () => Promise.reject(new Error('user center unavailable')),
    };
    const context = createMarketingContext(
      {
        identity: { kind: 'gateway', channel: 'WEB', userId: zhang.id, authLevel: 1 },
        clock: new ManualClock(),
        log: createLogger('marketing-test'),
      },
      {} as PrismaClient,
      failing,
    );
    const loaded = await context.riskProfiles.load(zhang.id);
    expect(loaded).toBeNull();
    expect(maxRiskLevelFor(loaded)).toBe('R1');
  });
});

describe('coupons', () => {
  it('reads an unredeemed coupon past its expiry as EXPIRED', () => {
    const expiring = DEMO_COUPONS.find((coupon) => coupon.title === '满100减10')!;
    expect(couponStatusAt(expiring, new Date('2026-12-15T15:59:59.999Z'))).toBe('ISSUED');
    expect(couponStatusAt(expiring, new Date('2026-12-15T16:00:00.000Z'))).toBe('EXPIRED');
    const redeemed = DEMO_COUPONS.find((coupon) => coupon.status === 'REDEEMED')!;
    expect(couponStatusAt(redeemed, new Date('2030-01-01T00:00:00.000Z'))).toBe('REDEEMED');
  });
});

describe('points ledger', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const at = new Date('2026-11-25T02:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase('marketing');
    prisma = marketingCenter.openStore(database.url).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  const balanceOf = async (customerId: string) => (await prisma.pointsAccount.findUnique({ where: { customerId } }))?.balance;
  const sumOf = async (customerId: string) =>
    (await prisma.pointsEntry.aggregate({ where: { customerId }, _sum: { delta: true } }))._sum.delta;

  it('seeds idempotently: 1,280 and 660 points, five coupons', async () => {
    await marketingCenter.seed!(prisma, new ManualClock());
    expect(await balanceOf(zhang.id)).toBe(1280);
    expect(await balanceOf(li.id)).toBe(660);
    expect(await sumOf(zhang.id)).toBe(1280);
    expect(await prisma.coupon.count()).toBe(5);
    expect(await prisma.recommendableProduct.count()).toBe(RECOMMENDABLE_PRODUCTS.length);
  });

  it('refuses an overdraft and a repeated reference, leaving the balance untouched', async () => {
    await expect(
      recordPointsEntry(prisma, { customerId: li.id, delta: -661, reason: '兑换', reference: 'overdraft', at }),
    ).rejects.toMatchObject({
      reason: 'INSUFFICIENT_POINTS',
    });
    expect(await recordPointsEntry(prisma, { customerId: li.id, delta: 40, reason: '签到', reference: 'checkin-2026-11-25', at })).toBe(
      700,
    );
    await expect(
      recordPointsEntry(prisma, { customerId: li.id, delta: 40, reason: '签到', reference: 'checkin-2026-11-25', at }),
    ).rejects.toThrow();
    await expect(recordPointsEntry(prisma, { customerId: li.id, delta: 0, reason: '无', reference: 'zero', at })).rejects.toBeInstanceOf(
      PointsError,
    );
    expect(await balanceOf(li.id)).toBe(700);
    expect(await sumOf(li.id)).toBe(700);
  });

  it('never goes below zero under concurrent spends, and the balance stays the sum of the entries', async () => {
    // 1,280 points, twenty concurrent spends of 100: exactly twelve succeed.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        recordPointsEntry(prisma, { customerId: zhang.id, delta: -100, reason: '兑换', reference: `spend-${index}`, at }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(12);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as PointsError).reason).toBe('INSUFFICIENT_POINTS');
    }
    expect(await balanceOf(zhang.id)).toBe(80);
    expect(await sumOf(zhang.id)).toBe(80);
  });
});
