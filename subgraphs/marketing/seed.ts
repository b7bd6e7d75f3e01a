import { DEMO_CUSTOMERS, DemoCustomer } from '../kit/demo';
import type { Campaign, Coupon, PrismaClient, RecommendableProduct } from './__generated__/prisma/client';

type CampaignRules = Pick<
  Campaign,
  'segments' | 'productKinds' | 'budget' | 'couponTitle' | 'couponFaceValue' | 'couponMinimumSpend' | 'couponValidDays'
>;
import { PointsEntryInput, recordPointsEntry } from './service/points';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

function rules(given: Partial<CampaignRules>): CampaignRules & { spent: bigint } {
  return {
    segments: [],
    productKinds: [],
    budget: null,
    couponTitle: null,
    couponFaceValue: null,
    couponMinimumSpend: null,
    couponValidDays: null,
    spent: 0n,
    ...given,
  };
}

/** Three campaigns: two running on 2026-11-25, one starting in December. */
export const DEMO_CAMPAIGNS: readonly Campaign[] = [
  {
    id: 'e0a80001-0000-4000-8000-000000000201',
    title: '双十二理财节',
    description: '活动期间购买指定理财产品满1万元，赠50元理财体验券',
    channels: ['WEB', 'MOBILE_APP'],
    startsAt: new Date('2026-11-20T00:00:00.000+08:00'),
    endsAt: new Date('2027-01-01T00:00:00.000+08:00'),
    status: 'PUBLISHED',
    ...rules({
      productKinds: ['WEALTH'],
      budget: 50_000_00n,
      couponTitle: '理财节满1万减50',
      couponFaceValue: 50_00n,
      couponMinimumSpend: 10_000_00n,
      couponValidDays: 30,
    }),
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000202',
    title: '微信新客礼',
    description: '首次通过微信渠道登录，领取20元生活缴费券',
    channels: ['WECHAT_MINI', 'WECHAT_BANKING'],
    startsAt: new Date('2026-11-01T00:00:00.000+08:00'),
    endsAt: new Date('2027-02-01T00:00:00.000+08:00'),
    status: 'PUBLISHED',
    // Five coupons' worth of budget, for new customers only.
    ...rules({
      segments: ['NEW_CUSTOMER'],
      budget: 100_00n,
      couponTitle: '生活缴费券20元',
      couponFaceValue: 20_00n,
      couponMinimumSpend: 50_00n,
      couponValidDays: 30,
    }),
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000203',
    title: '支付宝小程序缴费立减',
    description: '12月通过支付宝小程序缴纳水电燃气费，满50元立减5元',
    channels: ['ALIPAY_MINI', 'MOBILE_APP'],
    startsAt: new Date('2026-12-01T00:00:00.000+08:00'),
    endsAt: new Date('2027-01-01T00:00:00.000+08:00'),
    status: 'PUBLISHED',
    ...rules({ couponTitle: '缴费满50减5', couponFaceValue: 5_00n, couponMinimumSpend: 50_00n, couponValidDays: 31 }),
  },
];

const [festival, wechatWelcome, alipayBills] = DEMO_CAMPAIGNS as [Campaign, Campaign, Campaign];

const coupon = (
  id: string,
  customer: DemoCustomer,
  campaign: Campaign,
  fields: Pick<Coupon, 'title' | 'faceValue' | 'minimumSpend' | 'status'> & { issuedAt: string; expiresAt: string; redeemedAt?: string },
): Coupon => ({
  id,
  customerId: customer.id,
  campaignId: campaign.id,
  title: fields.title,
  faceValue: fields.faceValue,
  minimumSpend: fields.minimumSpend,
  status: fields.status,
  issuedAt: new Date(fields.issuedAt),
  expiresAt: new Date(fields.expiresAt),
  redeemedAt: fields.redeemedAt ? new Date(fields.redeemedAt) : null,
  redeemedOrderId: fields.redeemedAt ? `seed-coupon-order-${id.slice(-3)}` : null,
  releasedOrderIds: [],
});

export const DEMO_COUPONS: readonly Coupon[] = [
  coupon('e0a80001-0000-4000-8000-000000000301', zhang, festival, {
    title: '理财体验券50元',
    faceValue: 50_00n,
    minimumSpend: 10_000_00n,
    status: 'CLAIMED',
    issuedAt: '2026-11-20T02:00:00.000Z',
    expiresAt: '2026-12-31T16:00:00.000Z',
  }),
  coupon('e0a80001-0000-4000-8000-000000000302', zhang, festival, {
    title: '满100减10',
    faceValue: 10_00n,
    minimumSpend: 100_00n,
    status: 'ISSUED',
    issuedAt: '2026-11-21T02:00:00.000Z',
    expiresAt: '2026-12-15T16:00:00.000Z',
  }),
  // Stored as ISSUED but already past its expiry: reads as EXPIRED.
  coupon('e0a80001-0000-4000-8000-000000000303', zhang, wechatWelcome, {
    title: '生活缴费券20元',
    faceValue: 20_00n,
    minimumSpend: 50_00n,
    status: 'ISSUED',
    issuedAt: '2026-11-02T02:00:00.000Z',
    expiresAt: '2026-11-11T16:00:00.000Z',
  }),
  coupon('e0a80001-0000-4000-8000-000000000304', li, wechatWelcome, {
    title: '生活缴费券20元',
    faceValue: 20_00n,
    minimumSpend: 50_00n,
    status: 'REDEEMED',
    issuedAt: '2026-11-03T02:00:00.000Z',
    expiresAt: '2026-12-31T16:00:00.000Z',
    redeemedAt: '2026-11-15T12:20:00.000Z',
  }),
  coupon('e0a80001-0000-4000-8000-000000000305', li, alipayBills, {
    title: '缴费满50减5',
    faceValue: 5_00n,
    minimumSpend: 50_00n,
    status: 'ISSUED',
    issuedAt: '2026-11-24T02:00:00.000Z',
    expiresAt: '2026-12-31T16:00:00.000Z',
  }),
];

/** 张晓明: 500 + 800 + 30 − 50 = 1,280 points; 李秀英: 500 + 160 = 660. */
export const DEMO_POINTS: readonly PointsEntryInput[] = [
  { customerId: zhang.id, delta: 500, reason: '开户礼', reference: 'seed-welcome', at: new Date('2026-11-01T01:30:00.000Z') },
  { customerId: zhang.id, delta: 800, reason: '代发工资奖励', reference: 'seed-payroll-2026-11', at: new Date('2026-11-10T01:00:00.000Z') },
  {
    customerId: zhang.id,
    delta: 30,
    reason: '生活缴费奖励',
    reference: 'seed-electricity-2026-11',
    at: new Date('2026-11-15T12:20:00.000Z'),
  },
  { customerId: zhang.id, delta: -50, reason: '积分兑换话费', reference: 'seed-redeem-topup', at: new Date('2026-11-18T08:00:00.000Z') },
  { customerId: li.id, delta: 500, reason: '开户礼', reference: 'seed-welcome', at: new Date('2026-11-01T02:00:00.000Z') },
  { customerId: li.id, delta: 160, reason: '转账奖励', reference: 'seed-transfer-2026-11', at: new Date('2026-11-20T09:15:00.000Z') },
];

/**
 * Marketing's copy of the products it recommends. The ids are the product center's demo product
 * ids (subgraphs/product/seed.ts); risk levels and channels are kept in step with it.
 */
export const RECOMMENDABLE_PRODUCTS: readonly RecommendableProduct[] = [
  {
    productId: 'd0a80001-0000-4000-8000-000000000104',
    kind: 'WEALTH',
    riskLevel: 'R4',
    channels: ['WEB', 'MOBILE_APP'],
    reason: '长期持有，博取更高收益',
    priority: 10,
    active: true,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000103',
    kind: 'WEALTH',
    riskLevel: 'R3',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_BANKING'],
    reason: '固收打底，适度增强收益',
    priority: 20,
    active: true,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000102',
    kind: 'WEALTH',
    riskLevel: 'R2',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'],
    reason: '90天短期限，收益稳健',
    priority: 30,
    active: true,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000105',
    kind: 'TIME_DEPOSIT',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_BANKING'],
    reason: '存款保险保障，利率锁定三年',
    priority: 40,
    active: true,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000101',
    kind: 'WEALTH',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'],
    reason: '随存随取，闲钱理财首选',
    priority: 50,
    active: true,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000110',
    kind: 'WEALTH',
    riskLevel: 'R5',
    channels: ['WEB', 'MOBILE_APP'],
    reason: '长期投资，分享权益市场成长',
    priority: 5,
    active: true,
  },
  // Known for analytics (the product kind of a view) but not recommended.
  {
    productId: 'd0a80001-0000-4000-8000-000000000106',
    kind: 'TIME_DEPOSIT',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP'],
    reason: '本期额度已售罄',
    priority: 90,
    active: false,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000107',
    kind: 'LOAN',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING'],
    reason: '纯信用，随借随还',
    priority: 90,
    active: false,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000108',
    kind: 'CREDIT_CARD',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP', 'WECHAT_BANKING'],
    reason: '首年免年费',
    priority: 90,
    active: false,
  },
  {
    productId: 'd0a80001-0000-4000-8000-000000000109',
    kind: 'CREDIT_CARD',
    riskLevel: 'R1',
    channels: ['WEB', 'MOBILE_APP'],
    reason: '机场贵宾厅',
    priority: 90,
    active: false,
  },
];

/** Marketing's segments of the demo customers. */
export const DEMO_SEGMENTS = [
  { customerId: zhang.id, segment: 'WEALTH_CLIENT' },
  { customerId: zhang.id, segment: 'PAYROLL' },
  { customerId: li.id, segment: 'NEW_CUSTOMER' },
];

export async function seedMarketingCenter(prisma: PrismaClient): Promise<void> {
  await prisma.campaign.createMany({ data: [...DEMO_CAMPAIGNS], skipDuplicates: true });
  await prisma.coupon.createMany({ data: [...DEMO_COUPONS], skipDuplicates: true });
  await prisma.recommendableProduct.createMany({ data: [...RECOMMENDABLE_PRODUCTS], skipDuplicates: true });
  await prisma.customerSegment.createMany({ data: DEMO_SEGMENTS, skipDuplicates: true });
  const recorded = new Set(
    (await prisma.pointsEntry.findMany({ select: { customerId: true, reference: true } })).map(
      (entry) => `${entry.customerId}/${entry.reference}`,
    ),
  );
  for (const entry of DEMO_POINTS) {
    if (!recorded.has(`${entry.customerId}/${entry.reference}`)) await recordPointsEntry(prisma, entry);
  }
}
