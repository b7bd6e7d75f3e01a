import { badInput } from '../../../platform/errors';
import type { Biller, BillerCategory, PrismaClient } from '../__generated__/prisma/client';

export type BillerRecord = Biller;

const REGION_CODE = /^\d{6}$/;

export interface BillerFilter {
  category?: BillerCategory | null;
  region?: string | null;
}

/**
 * The administrative areas a district belongs to (GB/T 2260 codes): 330702 → 330702, 330700, 330000.
 * A biller registered for any of them serves the district.
 */
export function regionsServing(region: string): string[] {
  return [...new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`])];
}

export function assertRegionCode(region: string, field: readonly (string | number)[]): void {
  if (!REGION_CODE.test(region)) throw badInput('地区代码应为6位数字行政区划代码', field);
}

/** Active billers, optionally of one category and serving one region; by category, then name. */
export function findActiveBillers(prisma: PrismaClient, filter: BillerFilter): Promise<Biller[]> {
  return prisma.biller.findMany({
    where: {
      status: 'ACTIVE',
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.region ? { regionCode: { in: regionsServing(filter.region) } } : {}),
    },
    orderBy: [{ category: 'asc' }, { id: 'asc' }],
  });
}

export function findBillers(prisma: PrismaClient, ids: readonly string[]): Promise<Biller[]> {
  return prisma.biller.findMany({ where: { id: { in: [...ids] } } });
}
