/**
 * Whether a customer may buy a product (《商业银行理财业务监督管理办法》, CBIRC Order 2018 No. 6,
 * art. 26: products are sold by matching the customer's risk-tolerance grade). Grade Cn covers
 * risk levels R1..Rn; a product needing an assessment refuses a customer without a valid one.
 * Pure: finance asks through `productSuitability` before it moves money.
 */
import { ErrorCode } from '../../../platform/errors';
import type { Channel, Product, RiskLevel } from '../__generated__/prisma/client';
import { isInSaleWindow } from './catalogue';

export type RiskGrade = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';

export interface RiskProfile {
  grade: RiskGrade | null;
  expired: boolean;
}

export interface SuitabilityRequest {
  profile: RiskProfile | null;
  channel: Channel;
  /** Fen; amount rules are checked only when given. */
  amountFen?: bigint;
  now: Date;
}

export interface SuitabilityDecision {
  allowed: boolean;
  code: string | null;
  message: string | null;
  agreementCode: string | null;
  productRiskLevel: RiskLevel;
}

const rank = (level: string) => Number(level.slice(1));

/** The lowest grade that covers a risk level: R3 → C3. */
export function minimumGradeFor(level: RiskLevel): RiskGrade {
  return `C${rank(level)}` as RiskGrade;
}

/** Whether an assessment is needed at all: always above R1, and whenever the product says so. */
export function needsAssessment(product: Pick<Product, 'riskLevel' | 'requiresAssessment'>): boolean {
  return product.requiresAssessment || rank(product.riskLevel) > 1;
}

export function decideSuitability(product: Product, request: SuitabilityRequest): SuitabilityDecision {
  const refuse = (code: string, message: string): SuitabilityDecision => ({
    allowed: false,
    code,
    message,
    agreementCode: product.agreementCode,
    productRiskLevel: product.riskLevel,
  });
  if (product.status !== 'ON_SALE' || !isInSaleWindow(product, request.now))
    return refuse(ErrorCode.ProductNotOnSale, '该产品当前不在销售期');
  if (!product.channels.includes(request.channel)) return refuse(ErrorCode.ChannelNotAllowed, '该产品不在此渠道销售');
  const amount = request.amountFen;
  if (amount !== undefined) {
    if (amount < product.minAmount) return refuse(ErrorCode.BadUserInput, '金额低于起购金额');
    if (product.maxAmount !== null && amount > product.maxAmount) return refuse(ErrorCode.BadUserInput, '金额超过最高金额');
    if (product.stepAmount !== null && (amount - product.minAmount) % product.stepAmount !== 0n) {
      return refuse(ErrorCode.BadUserInput, '金额须为起购金额加递增金额的整数倍');
    }
  }
  if (needsAssessment(product)) {
    const profile = request.profile;
    if (!profile?.grade || profile.expired) return refuse(ErrorCode.RiskAssessmentExpired, '风险测评已过期或未完成，请重新测评');
    if (rank(profile.grade) < rank(product.riskLevel)) return refuse(ErrorCode.SuitabilityMismatch, '该产品风险等级超出您的风险承受能力');
  }
  return { allowed: true, code: null, message: null, agreementCode: product.agreementCode, productRiskLevel: product.riskLevel };
}
