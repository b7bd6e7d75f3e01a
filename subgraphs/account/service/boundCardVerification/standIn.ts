/**
 * The development stand-in for the clearing interface's card holder check. It decides from the card
 * number so scenarios repeat, with the same suffixes as finance's clearing simulator
 * (subgraphs/finance/service/clearingRules.ts): a card a transfer would be returned for is refused here
 * for the same reason. Any other card matches whatever name and ID number are given.
 */
import type { BoundCardVerdict, BoundCardVerifier } from './verifier';

const VERDICTS_BY_SUFFIX: Record<string, BoundCardVerdict> = {
  '0001': 'NAME_MISMATCH',
  '0002': 'CARD_CLOSED',
  '0003': 'CARD_FROZEN',
  '0004': 'NOT_FOUND',
};

export function standInVerdict(cardNumber: string): BoundCardVerdict {
  return VERDICTS_BY_SUFFIX[cardNumber.slice(-4)] ?? 'MATCH';
}

export class StandInCardVerifier implements BoundCardVerifier {
  readonly kind = 'stand-in';
  async verify(query: { cardNumber: string }): Promise<BoundCardVerdict> {
    return standInVerdict(query.cardNumber);
  }
}
