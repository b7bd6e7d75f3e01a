import { DEMO_PRODUCTS } from '../seed';
import { scaledToDecimal } from '../../kit/money';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { productCenter } from '../subgraph';
import { RATE_SCALE, findCataloguePage, isCataloguePosition } from '../service/catalogue';
import type { PrismaClient } from '../__generated__/prisma/client';

describe('product catalogue service', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('product');
    prisma = productCenter.openStore(database.url).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('seeds the catalogue (reference data) and the demo history idempotently', async () => {
    const clock = { now: () => new Date('2026-11-25T02:00:00.000Z') };
    for (let pass = 0; pass < 2; pass += 1) {
      await productCenter.referenceData!.seed(prisma, clock);
      await productCenter.seed!(prisma, clock);
    }
    expect(await prisma.product.count()).toBe(DEMO_PRODUCTS.length);
    expect(await prisma.product.count({ where: { status: 'OFF_SALE' } })).toBe(1);
  });

  it('stores rates as integers in ten-thousandths of a percent', () => {
    const rates = Object.fromEntries(DEMO_PRODUCTS.map((product) => [product.code, scaledToDecimal(product.rate, RATE_SCALE)]));
    expect(rates).toMatchObject({ 'TD-3Y': '2.6000', 'WM-TL180': '3.8500', 'WM-WX90': '3.1500', 'CC-GOLD': '18.2500' });
  });

  it('pages by product code and filters by kind, channel and status', async () => {
    const first = await findCataloguePage(prisma, { status: 'ON_SALE', channel: 'ALIPAY_MINI' }, { take: 1 });
    expect(first.map((product) => product.code)).toEqual(['WM-TTL', 'WM-WX90']);
    const second = await findCataloguePage(prisma, { status: 'ON_SALE', channel: 'ALIPAY_MINI' }, { take: 1, after: { code: 'WM-TTL' } });
    expect(second.map((product) => product.code)).toEqual(['WM-WX90']);
    const deposits = await findCataloguePage(prisma, { kind: 'TIME_DEPOSIT' }, { take: 10 });
    expect(deposits.map((product) => [product.code, product.status])).toEqual([
      ['TD-3Y', 'ON_SALE'],
      ['TD-CD1Y', 'OFF_SALE'],
    ]);
  });

  it('accepts only well-formed cursor positions', () => {
    expect(isCataloguePosition({ code: 'WM-TTL' })).toBe(true);
    expect(isCataloguePosition({ code: '' })).toBe(false);
    expect(isCataloguePosition({ code: 7 })).toBe(false);
    expect(isCataloguePosition({ id: 'x' })).toBe(false);
  });
});
