/**
 * The automated credit decision: versioned, data-driven rules (a `credit_rule_set` row per version
 * holds the thresholds and score weights) applied to facts gathered about the customer. Pure: the
 * same facts and rule version always give the same decision, which is stored with its reason.
 * Checks run in a fixed order and the first failing one is the reason; a customer passing every
 * check is scored, and a score below the version's minimum is a rejection too.
 */

export type KycLevel = 'BASIC' | 'STANDARD' | 'FULL';
export type CardType = 'CLASSIC' | 'GOLD' | 'PLATINUM';

interface ScoreWeights {
  base: number;
  /** Points per KYC level. */
  kycLevel: Partial<Record<KycLevel, number>>;
  /** Points for a customer without an active loan. */
  noActiveLoan: number;
}

export interface LoanRuleParams {
  /** Identity verification: the KYC levels that may borrow. */
  requiredKycLevels: KycLevel[];
  maxActiveLoans: number;
  /** Applications of the same kind within `days` before this one. */
  maxRecentApplications: { days: number; count: number };
  /** Outstanding principal on the product plus this amount, as a percentage of the product maximum. */
  exposureCapPercentOfProductMax: number;
  minScore: number;
  score: ScoreWeights & {
    /** Points by the amount's share of the product maximum: the first band the share fits in. */
    amountShareBands: { atMostPercent: number; points: number }[];
    /** Points for a term of at most `months`. */
    shortTerm: { months: number; points: number };
  };
}

export interface CardRuleParams {
  requiredKycLevels: KycLevel[];
  maxRecentApplications: { days: number; count: number };
  minScore: number;
  /** A higher bar for some card types, e.g. PLATINUM. */
  minScoreByCardType: Partial<Record<CardType, number>>;
  /** The credit line granted per card type, fen as a decimal string (JSON has no bigint). */
  creditLimitFen: Record<CardType, string>;
  score: ScoreWeights;
}

export interface CreditDecision {
  status: 'APPROVED' | 'REJECTED';
  reasonCode: string;
  reason: string;
  score: number | null;
}

export interface LoanFacts {
  kycLevel: KycLevel | null;
  activeLoans: number;
  outstandingOnProduct: bigint;
  recentApplications: number;
  amount: bigint;
  termMonths: number;
  productMaxAmount: bigint;
}

export interface CardFacts {
  kycLevel: KycLevel | null;
  activeLoans: number;
  recentApplications: number;
  /** An approved application for the same card product already exists. */
  holdsSameProduct: boolean;
  cardType: CardType;
}

const rejected = (reasonCode: string, reason: string, score: number | null = null): CreditDecision => ({
  status: 'REJECTED',
  reasonCode,
  reason,
  score,
});

function identityVerified(kycLevel: KycLevel | null, required: KycLevel[]): boolean {
  return kycLevel !== null && required.includes(kycLevel);
}

export function decideLoan(params: LoanRuleParams, facts: LoanFacts): CreditDecision {
  if (!identityVerified(facts.kycLevel, params.requiredKycLevels))
    return rejected('IDENTITY_NOT_VERIFIED', '尚未完成实名认证，暂不能申请贷款');
  if (facts.recentApplications >= params.maxRecentApplications.count)
    return rejected('TOO_MANY_RECENT_APPLICATIONS', `近${params.maxRecentApplications.days}天内申请次数过多，请稍后再试`);
  if (facts.activeLoans >= params.maxActiveLoans) return rejected('TOO_MANY_ACTIVE_LOANS', '在贷笔数已达上限');
  const cap = (facts.productMaxAmount * BigInt(params.exposureCapPercentOfProductMax)) / 100n;
  if (facts.outstandingOnProduct + facts.amount > cap)
    return rejected('EXPOSURE_ABOVE_PRODUCT_MAX', '本次申请金额加上未还本金超过产品最高额度');

  const weights = params.score;
  const sharePercent = Number((facts.amount * 10_000n) / facts.productMaxAmount) / 100;
  let score = weights.base + (weights.kycLevel[facts.kycLevel!] ?? 0);
  score += weights.amountShareBands.find((band) => sharePercent <= band.atMostPercent)?.points ?? 0;
  if (facts.activeLoans === 0) score += weights.noActiveLoan;
  if (facts.termMonths <= weights.shortTerm.months) score += weights.shortTerm.points;
  if (score < params.minScore) return rejected('SCORE_BELOW_THRESHOLD', '综合评分未达到要求', score);
  return { status: 'APPROVED', reasonCode: 'APPROVED', reason: '自动审批通过', score };
}

export function decideCreditCard(params: CardRuleParams, facts: CardFacts): CreditDecision & { creditLimit: bigint | null } {
  const refuse = (decision: CreditDecision) => ({ ...decision, creditLimit: null });
  if (!identityVerified(facts.kycLevel, params.requiredKycLevels))
    return refuse(rejected('IDENTITY_NOT_VERIFIED', '尚未完成实名认证，暂不能申请信用卡'));
  if (facts.recentApplications >= params.maxRecentApplications.count)
    return refuse(rejected('TOO_MANY_RECENT_APPLICATIONS', `近${params.maxRecentApplications.days}天内申请次数过多，请稍后再试`));
  if (facts.holdsSameProduct) return refuse(rejected('CARD_ALREADY_HELD', '您已持有或已获批该信用卡'));

  const weights = params.score;
  let score = weights.base + (weights.kycLevel[facts.kycLevel!] ?? 0);
  if (facts.activeLoans === 0) score += weights.noActiveLoan;
  const minimum = params.minScoreByCardType[facts.cardType] ?? params.minScore;
  if (score < minimum) return refuse(rejected('SCORE_BELOW_THRESHOLD', '综合评分未达到该卡种的要求', score));
  return {
    status: 'APPROVED',
    reasonCode: 'APPROVED',
    reason: '自动审批通过',
    score,
    creditLimit: BigInt(params.creditLimitFen[facts.cardType]),
  };
}
