/**
 * Product recommendations, filtered for suitability (《商业银行理财业务监督管理办法》, CBIRC Order
 * 2018 No. 6: products are sold according to the customer's risk-tolerance assessment): a customer
 * of grade Cn may be offered risk levels R1..Rn. Without a valid (unexpired) assessment the bank
 * offers only R1 products, which need none. Suitability and the channel are filters, never
 * weights; among what remains, the kinds the customer looks at and the kinds promoted by campaigns
 * on the channel come first, then the bank's priority.
 */
import type { Campaign, Channel, PrismaClient, ProductKind, RecommendableProduct, RiskLevel } from '../__generated__/prisma/client';
import type { CustomerRiskProfile } from '../../user/client';

export type RecommendableProductRecord = RecommendableProduct;

export const MAX_RECOMMENDATIONS = 10;
/** How far back the customer's product views count. */
export const PREFERENCE_WINDOW_DAYS = 30;

const RISK_RANK: Record<RiskLevel, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };
const KIND_NAMES: Record<ProductKind, string> = { WEALTH: '理财产品', TIME_DEPOSIT: '定期存款', LOAN: '贷款', CREDIT_CARD: '信用卡' };

export function findRecommendableProducts(prisma: PrismaClient): Promise<RecommendableProduct[]> {
  return prisma.recommendableProduct.findMany({ where: { active: true }, orderBy: [{ priority: 'asc' }, { productId: 'asc' }] });
}

/** The highest product risk level the customer may be offered. */
export function maxRiskLevelFor(profile: CustomerRiskProfile | null): RiskLevel {
  if (!profile?.grade || profile.expired) return 'R1';
  return `R${profile.grade.slice(1)}` as RiskLevel;
}

export interface RecommendationRequest {
  maxRisk: RiskLevel;
  /** Only products this channel may sell; undefined means any channel. */
  channel?: Channel;
  first: number;
  /** The customer's recent product views per kind. */
  viewsByKind?: ReadonlyMap<ProductKind, bigint>;
  /** Campaigns running now on the channel. */
  campaigns?: readonly Pick<Campaign, 'title' | 'productKinds'>[];
}

export interface ProductRecommendation {
  productId: string;
  reason: string;
}

export function recommendProducts(catalogue: readonly RecommendableProduct[], request: RecommendationRequest): ProductRecommendation[] {
  const views = request.viewsByKind ?? new Map<ProductKind, bigint>();
  const campaignFor = (kind: ProductKind) => request.campaigns?.find((campaign) => campaign.productKinds.includes(kind));
  return catalogue
    .filter((product) => RISK_RANK[product.riskLevel] <= RISK_RANK[request.maxRisk])
    .filter((product) => !request.channel || product.channels.includes(request.channel))
    .map((product) => ({ product, views: views.get(product.kind) ?? 0n, campaign: campaignFor(product.kind) }))
    .sort(
      (a, b) =>
        (a.views === b.views ? 0 : a.views > b.views ? -1 : 1) ||
        Number(Boolean(b.campaign)) - Number(Boolean(a.campaign)) ||
        a.product.priority - b.product.priority ||
        a.product.productId.localeCompare(b.product.productId),
    )
    .slice(0, request.first)
    .map(({ product, views: seen, campaign }) => ({
      productId: product.productId,
      reason: [seen > 0n ? `您近期常看${KIND_NAMES[product.kind]}` : null, campaign ? `「${campaign.title}」进行中` : null, product.reason]
        .filter(Boolean)
        .join(' · '),
    }));
}

export interface RecommendationCandidates {
  catalogue: RecommendableProduct[];
  viewsByKind: Map<ProductKind, bigint>;
}

/**
 * The recommendable products and the customer's product views per kind in [from, to], in one
 * statement (the home screen's statement budget is fixed).
 */
export async function findRecommendationCandidates(
  prisma: PrismaClient,
  customerId: string,
  from: Date,
  to: Date,
): Promise<RecommendationCandidates> {
  const rows = await prisma.$queryRaw<
    (Omit<RecommendableProduct, 'productId' | 'riskLevel'> & { product_id: string; risk_level: RiskLevel; kind_views: bigint })[]
  >`
    WITH views AS (
      SELECT p.kind, count(*) AS views FROM behavior_event e JOIN recommendable_product p ON p.product_id = e.product_id
       WHERE e.type = 'PRODUCT_VIEW' AND e.customer_id = ${customerId} AND e.event_day BETWEEN ${from}::date AND ${to}::date
       GROUP BY p.kind)
    SELECT r.product_id, r.kind::text AS kind, r.risk_level::text AS risk_level, r.channels::text[] AS channels, r.reason, r.priority, r.active,
           coalesce(v.views, 0)::bigint AS kind_views
      FROM recommendable_product r LEFT JOIN views v ON v.kind = r.kind
     WHERE r.active ORDER BY r.priority, r.product_id`;
  const viewsByKind = new Map<ProductKind, bigint>();
  for (const row of rows) if (row.kind_views > 0n) viewsByKind.set(row.kind, row.kind_views);
  return {
    catalogue: rows.map((row) => ({
      productId: row.product_id,
      kind: row.kind,
      riskLevel: row.risk_level,
      channels: row.channels,
      reason: row.reason,
      priority: row.priority,
      active: row.active,
    })),
    viewsByKind,
  };
}
