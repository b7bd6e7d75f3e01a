/**
 * The points reward catalogue (积分兑换): what customers can spend points on, seeded in every mode
 * with the marketing center's reference data (referenceData.ts).
 */
import type { Reward } from '../__generated__/prisma/client';

/** Points cost as the bank prices them; stock null: unlimited (vouchers issued on demand). */
export const REWARDS: readonly Reward[] = [
  {
    id: 'e0a80001-0000-4000-8000-000000000401',
    title: '星巴克中杯饮品券',
    description: '星巴克门店任意中杯饮品一杯，兑换后30天内有效',
    pointsCost: 300,
    stock: null,
    active: true,
    sortOrder: 10,
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000402',
    title: '爱奇艺黄金会员月卡',
    description: '兑换码发送至站内信，30天内激活',
    pointsCost: 500,
    stock: null,
    active: true,
    sortOrder: 20,
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000403',
    title: '手机话费10元',
    description: '充值到本人注册手机号，1个工作日内到账',
    pointsCost: 1000,
    stock: null,
    active: true,
    sortOrder: 30,
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000404',
    title: '本行定制保温杯',
    description: '304不锈钢，480毫升，凭兑换记录到任一网点领取',
    pointsCost: 2000,
    stock: 100,
    active: true,
    sortOrder: 40,
  },
  {
    id: 'e0a80001-0000-4000-8000-000000000405',
    title: '京东E卡50元',
    description: '电子卡密发送至站内信，有效期3年',
    pointsCost: 5000,
    stock: 200,
    active: true,
    sortOrder: 50,
  },
];
