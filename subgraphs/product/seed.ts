import type { Clock } from '../../platform/clock';
import type { Channel, Prisma, PrismaClient, Product } from './__generated__/prisma/client';
import { dayAsDate, shanghaiDay } from '../../platform/businessDay';

type DemoProduct = Omit<Product, 'createdAt' | 'updatedAt'>;
type Basics = Pick<
  DemoProduct,
  'id' | 'code' | 'kind' | 'name' | 'description' | 'rate' | 'riskLevel' | 'minAmount' | 'termDays' | 'channels' | 'status'
>;

/** A demo product: the basics plus the kind-specific details, everything else empty. */
const product = (basics: Basics, details: Partial<DemoProduct> = {}): DemoProduct => ({
  nav: null,
  stepAmount: null,
  maxAmount: null,
  saleStartsAt: null,
  saleEndsAt: null,
  redemptionMode: null,
  redemptionDailyCap: null,
  earlyWithdrawalRate: null,
  cardType: null,
  annualFee: null,
  annualFeeWaiver: null,
  requiresAssessment: false,
  agreementCode: null,
  ...basics,
  ...details,
});

const EVERY_CHANNEL: Channel[] = ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'];
/** The bank's own app, web banking and WeChat official account; mini-programs only sell the simpler products. */
const OWN_CHANNELS: Channel[] = ['WEB', 'MOBILE_APP', 'WECHAT_BANKING'];

/**
 * The demo catalogue. Ids are fixed so that the seed is idempotent and other centers (marketing's
 * recommendable products) can refer to the same products without reading this database.
 * Deposits are sold only on the bank's own app, web banking and official account, never on the
 * mini-programs hosted by WeChat and Alipay (银保监办发〔2021〕9号: no personal deposits through
 * non-bank internet platforms, read conservatively).
 */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000101',
      code: 'WM-TTL',
      kind: 'WEALTH',
      name: '丰收天天利',
      description: '现金管理类理财，T+0快速赎回，适合日常闲钱打理',
      rate: 21000n,
      riskLevel: 'R1',
      minAmount: 1_00n,
      termDays: 1,
      channels: EVERY_CHANNEL,
      status: 'ON_SALE',
    },
    {
      nav: 1_0000n,
      stepAmount: 1n,
      redemptionMode: 'T0',
      redemptionDailyCap: 10_000_00n,
      requiresAssessment: true,
      agreementCode: 'WEALTH_PRODUCT_SERVICE',
    },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000102',
      code: 'WM-WX90',
      kind: 'WEALTH',
      name: '丰收理财·稳享90天',
      description: '固定收益类，90天封闭期，业绩比较基准3.15%',
      rate: 31500n,
      riskLevel: 'R2',
      minAmount: 10_000_00n,
      termDays: 90,
      channels: EVERY_CHANNEL,
      status: 'ON_SALE',
    },
    {
      nav: 1_0213n,
      stepAmount: 1_000_00n,
      saleStartsAt: new Date('2026-11-01T00:00:00.000+08:00'),
      saleEndsAt: new Date('2026-12-31T00:00:00.000+08:00'),
      redemptionMode: 'AT_MATURITY',
      requiresAssessment: true,
      agreementCode: 'WEALTH_PRODUCT_SERVICE',
    },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000103',
      code: 'WM-TL180',
      kind: 'WEALTH',
      name: '丰收添利180天',
      description: '固收+，少量配置权益资产，业绩比较基准3.85%',
      rate: 38500n,
      riskLevel: 'R3',
      minAmount: 10_000_00n,
      termDays: 180,
      channels: OWN_CHANNELS,
      status: 'ON_SALE',
    },
    {
      nav: 1_0452n,
      stepAmount: 1_000_00n,
      saleStartsAt: new Date('2026-11-20T00:00:00.000+08:00'),
      saleEndsAt: new Date('2026-12-10T00:00:00.000+08:00'),
      redemptionMode: 'AT_MATURITY',
      requiresAssessment: true,
      agreementCode: 'WEALTH_PRODUCT_SERVICE',
    },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000104',
      code: 'WM-XX365',
      kind: 'WEALTH',
      name: '丰收鑫享一年期',
      description: '混合类，权益资产占比较高，波动较大',
      rate: 52000n,
      riskLevel: 'R4',
      minAmount: 50_000_00n,
      termDays: 365,
      channels: ['WEB', 'MOBILE_APP'],
      status: 'ON_SALE',
    },
    {
      nav: 1_1378n,
      stepAmount: 10_000_00n,
      saleStartsAt: new Date('2026-12-01T00:00:00.000+08:00'),
      saleEndsAt: new Date('2026-12-20T00:00:00.000+08:00'),
      redemptionMode: 'T1',
      redemptionDailyCap: 500_000_00n,
      requiresAssessment: true,
      agreementCode: 'WEALTH_PRODUCT_SERVICE',
    },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000105',
      code: 'TD-3Y',
      kind: 'TIME_DEPOSIT',
      name: '三年期整存整取',
      description: '存款保险保障，到期一次还本付息',
      rate: 26000n,
      riskLevel: 'R1',
      minAmount: 50_00n,
      termDays: 1095,
      channels: OWN_CHANNELS,
      status: 'ON_SALE',
    },
    { stepAmount: 1n, earlyWithdrawalRate: 2000n },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000106',
      code: 'TD-CD1Y',
      kind: 'TIME_DEPOSIT',
      name: '一年期大额存单',
      description: '本期额度已售罄',
      rate: 21500n,
      riskLevel: 'R1',
      minAmount: 200_000_00n,
      termDays: 365,
      channels: ['WEB', 'MOBILE_APP'],
      status: 'OFF_SALE',
    },
    { stepAmount: 1n, earlyWithdrawalRate: 2000n },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000107',
      code: 'LN-EDAI',
      kind: 'LOAN',
      name: '丰收e贷',
      description: '纯信用线上消费贷款，随借随还，按日计息',
      rate: 36500n,
      riskLevel: 'R1',
      minAmount: 1_000_00n,
      termDays: 365,
      channels: ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING'],
      status: 'ON_SALE',
    },
    { maxAmount: 300_000_00n, agreementCode: 'LOAN-EDAI-2026' },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000108',
      code: 'CC-GOLD',
      kind: 'CREDIT_CARD',
      name: '丰收信用卡金卡',
      description: '最长56天免息期，首年免年费，透支日利率0.05%',
      rate: 182500n,
      riskLevel: 'R1',
      minAmount: 0n,
      termDays: null,
      channels: OWN_CHANNELS,
      status: 'ON_SALE',
    },
    { cardType: 'GOLD', annualFee: 200_00n, annualFeeWaiver: '首年免年费，刷卡满6次免次年年费' },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000109',
      code: 'CC-PLAT',
      kind: 'CREDIT_CARD',
      name: '丰收信用卡白金卡',
      description: '机场贵宾厅、高额度，透支日利率0.05%',
      rate: 182500n,
      riskLevel: 'R1',
      minAmount: 0n,
      termDays: null,
      channels: ['WEB', 'MOBILE_APP'],
      status: 'ON_SALE',
    },
    { cardType: 'PLATINUM', annualFee: 880_00n, annualFeeWaiver: '年消费满10万元免次年年费' },
  ),
  product(
    {
      id: 'd0a80001-0000-4000-8000-000000000110',
      code: 'WM-QY',
      kind: 'WEALTH',
      name: '丰收权益精选',
      description: '权益类，主要投资A股，净值波动大',
      rate: 0n,
      riskLevel: 'R5',
      minAmount: 1_000_00n,
      termDays: null,
      channels: ['WEB', 'MOBILE_APP'],
      status: 'ON_SALE',
    },
    { nav: 9215n, stepAmount: 100_00n, redemptionMode: 'T1', requiresAssessment: true, agreementCode: 'WEALTH_PRODUCT_SERVICE' },
  ),
];

/** Days of chart history seeded for each product. */
export const HISTORY_DAYS = 90;

/**
 * A deterministic daily series ending today at the product's current value: wealth NAVs grow at
 * the product's rate with a wiggle proportional to its risk; rates step once, 30 days ago.
 */
export function demoHistory(demo: DemoProduct, today: string): Prisma.ProductHistoryCreateManyInput[] {
  const risk = BigInt(Number(demo.riskLevel.slice(1)));
  return Array.from({ length: HISTORY_DAYS }, (_, index) => {
    const daysAgo = BigInt(HISTORY_DAYS - 1 - index);
    let value: bigint;
    if (demo.nav !== null) {
      // rate is 1e-4 percent, so the daily growth of a NAV (1e-4 yuan) is nav × rate / 1e6 / 365.
      const growth = (demo.nav * demo.rate * daysAgo) / 365_000_000n;
      const wiggle = daysAgo === 0n ? 0n : (((daysAgo * 37n) % 11n) - 5n) * (risk - 1n) * 3n;
      value = demo.nav - growth + wiggle;
    } else {
      value = daysAgo >= 30n && demo.kind === 'TIME_DEPOSIT' ? demo.rate + 1000n : demo.rate;
    }
    return {
      productId: demo.id,
      day: dayAsDate(today, -Number(daysAgo)),
      series: demo.nav !== null ? 'NAV' : 'RATE',
      value: value > 0n ? value : 1n,
    };
  });
}

/** Demo data: 90 days of made-up price history for each catalogue product (the catalogue itself is reference data). */
export async function seedProductCenter(prisma: PrismaClient, clock: Clock): Promise<void> {
  const today = shanghaiDay(clock.now());
  await prisma.productHistory.createMany({ data: DEMO_PRODUCTS.flatMap((demo) => demoHistory(demo, today)), skipDuplicates: true });
}
