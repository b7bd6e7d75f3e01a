import { badInput, notFound } from '../../../platform/errors';
import { money, scaledToDecimal } from '../../kit/money';
import type { ProductResolvers } from '../__generated__/resolvers-types';
import { NAV_SCALE, RATE_SCALE, isInSaleWindow } from '../service/catalogue';
import { dateAsDay } from '../../../platform/businessDay';
import { MAX_HISTORY_DAYS } from '../service/history';
import { minimumGradeFor, needsAssessment } from '../service/suitability';

const scaled = (value: bigint | null, scale: number) => (value === null ? null : scaledToDecimal(value, scale));

/** Catalogue data is public: no ownership check, but references are batched into one statement. */
export const Product: ProductResolvers = {
  __resolveReference: async (reference, { productsById }) => {
    const product = await productsById.load(reference.id);
    if (!product) throw notFound('产品不存在');
    return product;
  },
  rate: (product) => scaledToDecimal(product.rate, RATE_SCALE),
  minAmount: (product) => money(product.minAmount),
  nav: (product) => scaled(product.nav, NAV_SCALE),
  stepAmount: (product) => (product.stepAmount === null ? null : money(product.stepAmount)),
  maxAmount: (product) => (product.maxAmount === null ? null : money(product.maxAmount)),
  saleWindow: (product, _args, { clock }) =>
    product.saleStartsAt || product.saleEndsAt
      ? { startsAt: product.saleStartsAt, endsAt: product.saleEndsAt, open: isInSaleWindow(product, clock.now()) }
      : null,
  redemption: (product) =>
    product.redemptionMode
      ? { mode: product.redemptionMode, dailyCap: product.redemptionDailyCap === null ? null : money(product.redemptionDailyCap) }
      : null,
  earlyWithdrawalRate: (product) => scaled(product.earlyWithdrawalRate, RATE_SCALE),
  creditCard: (product) =>
    product.cardType
      ? { cardType: product.cardType, annualFee: money(product.annualFee ?? 0n), annualFeeWaiver: product.annualFeeWaiver }
      : null,
  suitability: (product) => ({
    minimumGrade: minimumGradeFor(product.riskLevel),
    requiresRiskAssessment: needsAssessment(product),
    agreementCode: product.agreementCode,
  }),
  history: async (product, { days }, { historyOf }) => {
    const span = days ?? 90;
    if (!Number.isInteger(span) || span < 1 || span > MAX_HISTORY_DAYS)
      throw badInput(`days 必须在 1 到 ${MAX_HISTORY_DAYS} 之间`, ['days']);
    const rows = await historyOf(product.id, span);
    return rows.map((row) => ({ day: dateAsDay(row.day), series: row.series, value: scaledToDecimal(row.value, 4) }));
  },
};
