import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { CustomerRiskProfile, UserCenterClient, createUserCenterClient } from './clients/user';
import { CampaignRecord, findCampaigns } from './service/campaigns';
import { CouponRecord, findCouponsOfCustomers } from './service/coupons';
import { PointsAccountRecord, findPointsAccounts } from './service/points';
import { RecommendableProductRecord, findRecommendableProducts } from './service/recommendations';

export interface MarketingContext extends BaseContext {
  prisma: PrismaClient;
  couponsByOwner: DataLoader<string, CouponRecord[]>;
  campaignsById: DataLoader<string, CampaignRecord | null>;
  pointsByOwner: DataLoader<string, PointsAccountRecord | null>;
  /** The customer's risk profile from the user center; null if unknown or unavailable. */
  riskProfiles: DataLoader<string, CustomerRiskProfile | null>;
  /** Marketing's recommendable products, read once per request whatever the number of users. */
  recommendableCatalogue: () => Promise<RecommendableProductRecord[]>;
}

export function createMarketingContext(
  base: BaseContext,
  prisma: PrismaClient,
  userCenter: UserCenterClient = createUserCenterClient(base.clock),
): MarketingContext {
  let catalogue: Promise<RecommendableProductRecord[]> | undefined;
  return {
    ...base,
    prisma,
    couponsByOwner: rowGroupsByKey((ids) => findCouponsOfCustomers(prisma, ids), (coupon) => coupon.customerId),
    campaignsById: rowsByKey((ids) => findCampaigns(prisma, ids), (campaign) => campaign.id),
    pointsByOwner: rowsByKey((ids) => findPointsAccounts(prisma, ids), (account) => account.customerId),
    riskProfiles: new DataLoader((userIds) =>
      // One call per customer: each carries its own credential acting for that customer.
      Promise.all(
        userIds.map((userId) =>
          userCenter.customerRiskProfile(userId).catch((error: unknown) => {
            // Fail safe, not closed: without a profile the customer is offered R1 products only.
            base.log.warn({ err: error, service: 'user' }, 'risk profile unavailable; recommending R1 products only');
            return null;
          }),
        ),
      ),
    ),
    recommendableCatalogue: () => (catalogue ??= findRecommendableProducts(prisma)),
  };
}
