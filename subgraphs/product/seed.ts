import type { Channel, PrismaClient, Product } from './__generated__/prisma/client';

type DemoProduct = Omit<Product, 'createdAt' | 'updatedAt'>;

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
];

export async function seedProductCenter(prisma: PrismaClient): Promise<void> {
  await prisma.product.createMany({ data: [...DEMO_PRODUCTS], skipDuplicates: true });
}
