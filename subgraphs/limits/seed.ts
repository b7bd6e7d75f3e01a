import { DEMO_CUSTOMERS, DemoCustomer } from '../kit/demo';
import type { Prisma, PrismaClient } from './__generated__/prisma/client';
import { AGREEMENT_TEXTS_2026_1 } from './agreementTexts';
import { seedCredit } from './seedCredit';

/** 《中国人民银行关于改进个人银行账户服务 加强账户管理的通知》 (PBOC account classification). */
const PBOC_2015_392 = '银发〔2015〕392号';
/** 《中国人民银行关于落实个人银行账户分类管理制度的通知》: class II/III limits. */
const PBOC_2016_302 = '银发〔2016〕302号';
/** 《中国人民银行关于改进个人银行账户分类管理有关事项的通知》: raised the class III caps to 2,000.00. */
const PBOC_2018_16 = '银发〔2018〕16号';

const yuan = (amount: bigint) => amount * 100n;

/**
 * PBOC account-class limits (银发〔2015〕392号 introduced classes I/II/III; 银发〔2016〕302号 and
 * 银发〔2018〕16号 set the amounts). Class II: payments to accounts other than the bound account
 * at most 10,000.00 a day and 200,000.00 a year. Class III: balance at most 2,000.00, such
 * payments at most 2,000.00 a day and 50,000.00 a year. Class I: no class limit.
 */
const CLASS_RULES: Prisma.LimitRuleCreateManyInput[] = [
  {
    id: 'CLASS_II_DAILY',
    scope: 'ACCOUNT_CLASS',
    accountClass: 'II',
    period: 'DAILY',
    amount: yuan(10_000n),
    excludesBoundAccount: true,
    basis: `${PBOC_2015_392}; ${PBOC_2016_302}`,
  },
  {
    id: 'CLASS_II_YEARLY',
    scope: 'ACCOUNT_CLASS',
    accountClass: 'II',
    period: 'YEARLY',
    amount: yuan(200_000n),
    excludesBoundAccount: true,
    basis: `${PBOC_2015_392}; ${PBOC_2016_302}`,
  },
  {
    id: 'CLASS_III_BALANCE',
    scope: 'ACCOUNT_CLASS',
    accountClass: 'III',
    period: 'BALANCE',
    amount: yuan(2_000n),
    basis: `${PBOC_2016_302}; ${PBOC_2018_16}`,
  },
  {
    id: 'CLASS_III_DAILY',
    scope: 'ACCOUNT_CLASS',
    accountClass: 'III',
    period: 'DAILY',
    amount: yuan(2_000n),
    excludesBoundAccount: true,
    basis: `${PBOC_2016_302}; ${PBOC_2018_16}`,
  },
  {
    id: 'CLASS_III_YEARLY',
    scope: 'ACCOUNT_CLASS',
    accountClass: 'III',
    period: 'YEARLY',
    amount: yuan(50_000n),
    excludesBoundAccount: true,
    basis: `${PBOC_2016_302}; ${PBOC_2018_16}`,
  },
];

/**
 * PBOC inflow limits of class II/III accounts (scope CLASS_INFLOW): money received from accounts
 * other than the bound class I account (and cash deposits, which this bank takes only at the
 * counter into class I). 银发〔2016〕302号: class II at most 10,000.00 a day and 200,000.00 a year;
 * class III at most 5,000.00 a day and 100,000.00 a year (银发〔2018〕16号 kept these and raised
 * the class III balance cap, CLASS_III_BALANCE, to 2,000.00). Reserved on the payee's side of the
 * paying order (service/reservations.ts).
 */
const INFLOW_RULES: Prisma.LimitRuleCreateManyInput[] = (
  [
    { id: 'CLASS_II_INFLOW_DAILY', accountClass: 'II', period: 'DAILY', amount: yuan(10_000n) },
    { id: 'CLASS_II_INFLOW_YEARLY', accountClass: 'II', period: 'YEARLY', amount: yuan(200_000n) },
    { id: 'CLASS_III_INFLOW_DAILY', accountClass: 'III', period: 'DAILY', amount: yuan(5_000n) },
    { id: 'CLASS_III_INFLOW_YEARLY', accountClass: 'III', period: 'YEARLY', amount: yuan(100_000n) },
  ] as const
).map((rule) => ({
  ...rule,
  scope: 'CLASS_INFLOW' as const,
  excludesBoundAccount: true,
  basis: rule.accountClass === 'II' ? PBOC_2016_302 : `${PBOC_2016_302}; ${PBOC_2018_16}`,
}));

/** The bank's own transfer policy per channel (yuan): mini-programs carry the least. */
const CHANNEL_POLICY = {
  WEB: { single: 200_000n, daily: 500_000n },
  MOBILE_APP: { single: 100_000n, daily: 200_000n },
  WECHAT_BANKING: { single: 20_000n, daily: 50_000n },
  WECHAT_MINI: { single: 5_000n, daily: 20_000n },
  ALIPAY_MINI: { single: 5_000n, daily: 20_000n },
} as const;

const CHANNEL_RULES: Prisma.LimitRuleCreateManyInput[] = Object.entries(CHANNEL_POLICY).flatMap(([channel, policy]) => [
  {
    id: `CHANNEL_${channel}_SINGLE`,
    scope: 'CHANNEL' as const,
    channel: channel as keyof typeof CHANNEL_POLICY,
    period: 'SINGLE' as const,
    amount: yuan(policy.single),
  },
  {
    id: `CHANNEL_${channel}_DAILY`,
    scope: 'CHANNEL' as const,
    channel: channel as keyof typeof CHANNEL_POLICY,
    period: 'DAILY' as const,
    amount: yuan(policy.daily),
  },
]);

/** The bank's limit rules: reference data, seeded in every mode by referenceData.ts (as are the agreement templates). */
export const LIMIT_RULES: readonly Prisma.LimitRuleCreateManyInput[] = [...CLASS_RULES, ...INFLOW_RULES, ...CHANNEL_RULES];

export const AGREEMENT_TEMPLATES: Prisma.AgreementTemplateCreateManyInput[] = [
  {
    code: 'ELECTRONIC_ACCOUNT_SERVICE',
    version: '2026.1',
    title: '个人银行账户及电子账户服务协议',
    kind: 'ELECTRONIC_ACCOUNT',
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
    content: AGREEMENT_TEXTS_2026_1.ELECTRONIC_ACCOUNT_SERVICE,
  },
  {
    code: 'WEALTH_PRODUCT_SERVICE',
    version: '2026.1',
    title: '个人理财产品销售服务协议',
    kind: 'WEALTH_PRODUCT',
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
    content: AGREEMENT_TEXTS_2026_1.WEALTH_PRODUCT_SERVICE,
  },
  {
    code: 'QUICK_PAYMENT_SERVICE',
    version: '2026.1',
    title: '快捷支付服务协议',
    kind: 'QUICK_PAYMENT',
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
    content: AGREEMENT_TEXTS_2026_1.QUICK_PAYMENT_SERVICE,
  },
  {
    code: 'ONLINE_BANKING_SERVICE',
    version: '2026.1',
    title: '个人网上银行及手机银行服务协议',
    kind: 'ONLINE_BANKING',
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
    content: AGREEMENT_TEXTS_2026_1.ONLINE_BANKING_SERVICE,
  },
  {
    code: 'PRIVACY_POLICY',
    version: '2026.1',
    title: '个人信息保护政策',
    kind: 'PRIVACY_POLICY',
    effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
    content: AGREEMENT_TEXTS_2026_1.PRIVACY_POLICY,
  },
];

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

/** 张晓明 opened his electronic accounts on the app and signed for wealth products with his risk assessment; 李秀英 only holds an account. */
const DEMO_SIGNATURES: Prisma.SignedAgreementCreateManyInput[] = [
  {
    id: 'a9a80001-0000-4000-8000-000000000101',
    customerId: zhang.id,
    templateCode: 'ELECTRONIC_ACCOUNT_SERVICE',
    templateVersion: '2026.1',
    signedAt: new Date('2026-11-01T01:00:00.000Z'),
    channel: 'MOBILE_APP',
  },
  {
    id: 'a9a80001-0000-4000-8000-000000000102',
    customerId: zhang.id,
    templateCode: 'WEALTH_PRODUCT_SERVICE',
    templateVersion: '2026.1',
    signedAt: new Date('2026-05-20T02:05:00.000Z'),
    channel: 'WEB',
  },
  {
    id: 'a9a80001-0000-4000-8000-000000000201',
    customerId: li.id,
    templateCode: 'ELECTRONIC_ACCOUNT_SERVICE',
    templateVersion: '2026.1',
    signedAt: new Date('2026-11-01T02:00:00.000Z'),
    channel: 'WEB',
  },
];

/** 张晓明 lowered his mobile-app daily transfer limit from 200,000.00 to 100,000.00. */
const DEMO_CUSTOMER_LIMITS: Prisma.CustomerLimitCreateManyInput[] = [
  { id: 'a9a80001-0000-4000-8000-000000000111', customerId: zhang.id, channel: 'MOBILE_APP', period: 'DAILY', amount: yuan(100_000n) },
];

/** Demo data: the demo customers' signatures, a lowered limit and a loan (rules and templates are reference data). */
export async function seedLimitsCenter(prisma: PrismaClient): Promise<void> {
  await prisma.signedAgreement.createMany({ data: DEMO_SIGNATURES, skipDuplicates: true });
  await prisma.customerLimit.createMany({ data: DEMO_CUSTOMER_LIMITS, skipDuplicates: true });
  await seedCredit(prisma);
}
