import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import type { Channel, PrismaClient } from './__generated__/prisma/client';
import { CustomerRiskProfile, UserCenterClient, createUserCenterClient } from '../user/client';
import { FinanceCenterClient, createFinanceCenterClient } from '../finance/client';
import { ProductCenterClient, createProductCenterClient } from '../product/client';
import { CampaignRecord, findActiveCampaigns, findCampaigns } from './service/campaigns';
import { addDays, dayAsDate, shanghaiDay } from '../../platform/businessDay';
import { SmsProvider, createLoggingSmsProvider } from './service/sms';
import { CouponRecord, findCouponsOfCustomers } from './service/coupons';
import { PointsAccountRecord, findPointsAccounts } from './service/points';
import { PREFERENCE_WINDOW_DAYS, RecommendationCandidates, findRecommendationCandidates } from './service/recommendations';
import type { VoiceCommandSources } from './service/voiceCommands';

export interface MarketingContext extends BaseContext {
  prisma: PrismaClient;
  couponsByOwner: DataLoader<string, CouponRecord[]>;
  campaignsById: DataLoader<string, CampaignRecord | null>;
  pointsByOwner: DataLoader<string, PointsAccountRecord | null>;
  /** The customer's risk profile from the user center; null if unknown or unavailable. */
  riskProfiles: DataLoader<string, CustomerRiskProfile | null>;
  /** Recommendable products and the customer's recent product views per kind (one statement). */
  recommendationCandidates: DataLoader<string, RecommendationCandidates>;
  /** Campaigns running now on a channel (all channels for undefined), read once per request and channel. */
  activeCampaigns: (channel: Channel | undefined) => Promise<CampaignRecord[]>;
  sms: SmsProvider;
  /** What voice commands read: the customer's payees (finance) and the catalogue (product center). */
  voice: VoiceCommandSources;
  /** Whether the customer lets the bank collect their behavior events (user center). */
  behaviorConsent: (customerId: string) => Promise<boolean>;
}

export function createMarketingContext(
  base: BaseContext,
  prisma: PrismaClient,
  userCenter: Pick<UserCenterClient, 'customerRiskProfile' | 'behaviorConsent'> = createUserCenterClient('marketing', base.clock),
  sms: SmsProvider = createLoggingSmsProvider(base.log),
  financeCenter: Pick<FinanceCenterClient, 'customerPayees'> = createFinanceCenterClient('marketing', base.clock),
  productCenter: Pick<ProductCenterClient, 'catalogueOnSale'> = createProductCenterClient('marketing', base.clock),
): MarketingContext {
  const campaigns = new Map<string, Promise<CampaignRecord[]>>();
  const now = base.clock.now();
  const today = shanghaiDay(now);
  const windowStart = addDays(today, -(PREFERENCE_WINDOW_DAYS - 1));
  return {
    ...base,
    prisma,
    couponsByOwner: rowGroupsByKey(
      (ids) => findCouponsOfCustomers(prisma, ids),
      (coupon) => coupon.customerId,
    ),
    campaignsById: rowsByKey(
      (ids) => findCampaigns(prisma, ids),
      (campaign) => campaign.id,
    ),
    pointsByOwner: rowsByKey(
      (ids) => findPointsAccounts(prisma, ids),
      (account) => account.customerId,
    ),
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
    activeCampaigns: (channel) => {
      const key = channel ?? '*';
      let found = campaigns.get(key);
      if (!found) campaigns.set(key, (found = findActiveCampaigns(prisma, now, channel)));
      return found;
    },
    // Only ever the signed-in customer's own id (User fields check ownership first): one statement.
    recommendationCandidates: new DataLoader((ids) =>
      Promise.all(ids.map((id) => findRecommendationCandidates(prisma, id, dayAsDate(windowStart), dayAsDate(today)))),
    ),
    sms,
    voice: {
      prisma,
      log: base.log,
      payeesOf: (customerId) => financeCenter.customerPayees(customerId),
      catalogueOn: (channel) => productCenter.catalogueOnSale(channel),
    },
    behaviorConsent: (customerId) => userCenter.behaviorConsent(customerId),
  };
}
