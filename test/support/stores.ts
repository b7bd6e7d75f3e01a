/** Each center's generated Prisma client type, so `platform.store('finance')` is typed. */
import type { CenterName } from '../../platform/centers';
import type { PrismaClient as AccountStore } from '../../subgraphs/account/__generated__/prisma/client';
import type { PrismaClient as AuthStore } from '../../subgraphs/auth/__generated__/prisma/client';
import type { PrismaClient as FinanceStore } from '../../subgraphs/finance/__generated__/prisma/client';
import type { PrismaClient as LifeStore } from '../../subgraphs/life/__generated__/prisma/client';
import type { PrismaClient as LimitsStore } from '../../subgraphs/limits/__generated__/prisma/client';
import type { PrismaClient as MarketingStore } from '../../subgraphs/marketing/__generated__/prisma/client';
import type { PrismaClient as ProductStore } from '../../subgraphs/product/__generated__/prisma/client';
import type { PrismaClient as UserStore } from '../../subgraphs/user/__generated__/prisma/client';

export interface CenterStores extends Record<CenterName, unknown> {
  account: AccountStore;
  auth: AuthStore;
  finance: FinanceStore;
  life: LifeStore;
  limits: LimitsStore;
  marketing: MarketingStore;
  product: ProductStore;
  user: UserStore;
}
