/**
 * The product center's sale rules, asked before a purchase or a deposit writes anything: its
 * suitability decision (on sale, channel, amounts, risk assessment and grade), then the agreement
 * the product names, whose version in force now the customer must have signed in the contract
 * (limits) center: a new version of the text is signed again before the next purchase.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import { fenToDecimal } from '../../kit/money';
import type { WealthCentersClient } from '../wealthCenters';

export interface ProductBuyer {
  customerId: string;
  channel: string;
}

export async function assertMayBuy(wealth: WealthCentersClient, buyer: ProductBuyer, productId: string, amountFen: bigint): Promise<void> {
  const field = (name: string) => ['input', name];
  const decision = await wealth.suitability(buyer.customerId, productId, buyer.channel, fenToDecimal(amountFen));
  if (!decision.allowed) {
    const code = (decision.code ?? ErrorCode.SuitabilityMismatch) as ErrorCode;
    throw bankError(code, decision.message ?? '不符合购买条件', {
      field: code === ErrorCode.BadUserInput ? field('amount') : field('productId'),
      details: { productRiskLevel: decision.productRiskLevel },
    });
  }
  if (decision.agreementCode && !(await wealth.agreementInForceSigned(buyer.customerId, decision.agreementCode)).signed) {
    throw bankError(ErrorCode.AgreementRequired, '请先签署该产品的销售服务协议', {
      field: field('productId'),
      details: { agreementCode: decision.agreementCode },
    });
  }
}
