/**
 * Product recommendations, filtered for suitability (《商业银行理财业务监督管理办法》, CBIRC Order
 * 2018 No. 6: products are sold according to the customer's risk-tolerance assessment): a customer
 * of grade Cn may be offered risk levels R1..Rn. Without a valid (unexpired) assessment the bank
 * offers only R1 products, which need none.
 */
import type { Channel, PrismaClient, RecommendableProduct, RiskLevel } from '../__generated__/prisma/client';
import type { CustomerRiskProfile } from '../clients/user';

export type RecommendableProductRecord = RecommendableProduct;

export const MAX_RECOMMENDATIONS = 10;

const RISK_RANK: Record<RiskLevel, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

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
}

export interface ProductRecommendation {
  productId: string;
  reason: string;
}

export function recommendProducts(catalogue: readonly RecommendableProduct[], request: RecommendationRequest): ProductRecommendation[] {
  return catalogue
    .filter((product) => RISK_RANK[product.riskLevel] <= RISK_RANK[request.maxRisk])
    .filter((product) => !request.channel || product.channels.includes(request.channel))
    .sort((a, b) => a.priority - b.priority || a.productId.localeCompare(b.productId))
    .slice(0, request.first)
    .map((product) => ({ productId: product.productId, reason: product.reason }));
}
