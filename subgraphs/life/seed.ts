import { DEMO_CUSTOMERS } from '../kit/demo';
import type { Prisma, PrismaClient } from './__generated__/prisma/client';

/**
 * The biller catalogue (reference data, seeded in every mode by referenceData.ts): the demo customers live in 婺城区, 金华 (330702). Provincial billers are
 * registered for 330000 and city ones for 330700; 杭州水务 (330100) shows the region filter at work.
 */
export const DEMO_BILLERS: Prisma.BillerCreateManyInput[] = [
  {
    id: 'biller-electricity-zj',
    category: 'ELECTRICITY',
    name: '国网浙江省电力有限公司',
    regionCode: '330000',
    customerNumberHint: '10位用电户号，见电费通知单',
    customerNumberPattern: '^\\d{10}$',
  },
  {
    id: 'biller-water-jinhua',
    category: 'WATER',
    name: '金华市水务集团有限公司',
    regionCode: '330700',
    customerNumberHint: '8位用水户号，见水费发票',
    customerNumberPattern: '^\\d{8}$',
  },
  {
    id: 'biller-gas-jinhua',
    category: 'GAS',
    name: '金华市天然气有限公司',
    regionCode: '330700',
    customerNumberHint: '9位燃气户号，见燃气卡或账单',
    customerNumberPattern: '^\\d{9}$',
  },
  {
    id: 'biller-phone-cmcc',
    category: 'PHONE',
    name: '中国移动浙江公司',
    regionCode: '330000',
    customerNumberHint: '11位手机号码',
    customerNumberPattern: '^1\\d{10}$',
  },
  {
    id: 'biller-phone-unicom',
    category: 'PHONE',
    name: '中国联通浙江分公司',
    regionCode: '330000',
    customerNumberHint: '11位手机号码',
    customerNumberPattern: '^1\\d{10}$',
  },
  {
    id: 'biller-phone-telecom',
    category: 'PHONE',
    name: '中国电信浙江分公司',
    regionCode: '330000',
    customerNumberHint: '11位手机号码',
    customerNumberPattern: '^1\\d{10}$',
  },
  {
    id: 'biller-broadband-telecom-jinhua',
    category: 'BROADBAND',
    name: '中国电信金华分公司宽带',
    regionCode: '330700',
    customerNumberHint: '宽带账号，见装机单',
    customerNumberPattern: '^[A-Za-z0-9]{6,20}$',
  },
  {
    id: 'biller-broadband-cmcc-jinhua',
    category: 'BROADBAND',
    name: '中国移动金华分公司宽带',
    regionCode: '330700',
    customerNumberHint: '宽带账号，见装机单',
    customerNumberPattern: '^[A-Za-z0-9]{6,20}$',
  },
  {
    id: 'biller-water-hangzhou',
    category: 'WATER',
    name: '杭州市水务集团有限公司',
    regionCode: '330100',
    customerNumberHint: '10位用水户号，见水费发票',
    customerNumberPattern: '^\\d{10}$',
  },
  {
    id: 'biller-broadband-wucheng-cable',
    category: 'BROADBAND',
    name: '婺城区有线宽带',
    regionCode: '330702',
    customerNumberHint: '有线电视证号',
    customerNumberPattern: '^\\d{8,12}$',
    status: 'SUSPENDED',
  },
];

/** Bills for the demo households' customer numbers; October's electricity was paid by the seeded order. */
export const DEMO_BILLS: Prisma.BillCreateManyInput[] = [
  {
    id: 'bill-electricity-3307020001-202610',
    holderNameMasked: '张*明',
    billerId: 'biller-electricity-zj',
    customerNumber: '3307020001',
    period: '202610',
    amount: 150_00n,
    dueDate: new Date('2026-11-20'),
    status: 'PAID',
    paidByOrderId: 'seed-electricity-2026-11',
  },
  {
    id: 'bill-electricity-3307020001-202611',
    holderNameMasked: '张*明',
    billerId: 'biller-electricity-zj',
    customerNumber: '3307020001',
    period: '202611',
    amount: 168_35n,
    dueDate: new Date('2026-12-20'),
  },
  {
    id: 'bill-water-33070001-202611',
    holderNameMasked: '张*明',
    billerId: 'biller-water-jinhua',
    customerNumber: '33070001',
    period: '202611',
    amount: 45_60n,
    dueDate: new Date('2026-12-10'),
  },
  {
    id: 'bill-gas-330700001-202611',
    holderNameMasked: '张*明',
    billerId: 'biller-gas-jinhua',
    customerNumber: '330700001',
    period: '202611',
    amount: 86_00n,
    dueDate: new Date('2026-12-10'),
  },
  {
    id: 'bill-electricity-3307020002-202611',
    holderNameMasked: '李*英',
    billerId: 'biller-electricity-zj',
    customerNumber: '3307020002',
    period: '202611',
    amount: 98_20n,
    dueDate: new Date('2026-12-20'),
  },
];

/** Which household numbers each demo customer pays for: 张晓明 his home's, 李秀英 her flat's electricity. */
export const DEMO_BILL_ACCOUNTS: Prisma.BillAccountCreateManyInput[] = [
  { customerId: DEMO_CUSTOMERS[0]!.id, billerId: 'biller-electricity-zj', customerNumber: '3307020001' },
  { customerId: DEMO_CUSTOMERS[0]!.id, billerId: 'biller-water-jinhua', customerNumber: '33070001' },
  { customerId: DEMO_CUSTOMERS[0]!.id, billerId: 'biller-gas-jinhua', customerNumber: '330700001' },
  { customerId: DEMO_CUSTOMERS[1]!.id, billerId: 'biller-electricity-zj', customerNumber: '3307020002' },
];

/** Demo data: the demo households' bills and saved bill accounts (the billers are reference data, referenceData.ts). */
export async function seedLifeCenter(prisma: PrismaClient): Promise<void> {
  await prisma.bill.createMany({ data: DEMO_BILLS, skipDuplicates: true });
  await prisma.billAccount.createMany({ data: DEMO_BILL_ACCOUNTS, skipDuplicates: true });
}
