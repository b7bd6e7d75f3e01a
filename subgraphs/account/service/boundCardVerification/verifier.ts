/**
 * The clearing interface's holder check of another bank's card, asked before an electronic (class II/III)
 * account is bound to it: is this card, at that bank, the customer's own (their verified name and ID
 * number), and usable? Production has no vendor integrated yet: without one, binding another bank's card is
 * refused with CARD_VERIFICATION_UNAVAILABLE (this bank's class I accounts still bind). Development, or
 * `CARD_VERIFICATION_PROVIDER=stand-in` outside production, uses the stand-in (standIn.ts).
 */
import { config } from '../../../../platform/config';
import { ErrorCode, bankError } from '../../../../platform/errors';
import type { Logger } from '../../../../platform/observability/logger';
import { StandInCardVerifier } from './standIn';

export interface BoundCardQuery {
  cardNumber: string;
  /** The other bank's name, as the customer gave it (e.g. 中国工商银行). */
  bankName: string;
  holderName: string;
  idNumber: string;
}

/** MATCH: the card is the holder's and usable; anything else is a reason to refuse the binding. */
export type BoundCardVerdict = 'MATCH' | 'NAME_MISMATCH' | 'NOT_FOUND' | 'CARD_FROZEN' | 'CARD_CLOSED';

export interface BoundCardVerifier {
  readonly kind: 'stand-in' | 'unconfigured';
  /** The verdict; throws CARD_VERIFICATION_UNAVAILABLE when the check cannot be made. */
  verify(query: BoundCardQuery): Promise<BoundCardVerdict>;
}

/** No provider: nothing pretends to have checked the card. */
class UnconfiguredCardVerifier implements BoundCardVerifier {
  readonly kind = 'unconfigured';
  constructor(private readonly log: Logger) {}
  async verify(): Promise<BoundCardVerdict> {
    this.log.error('bound card refused: no card verification provider is configured (CARD_VERIFICATION_PROVIDER)');
    throw bankError(ErrorCode.CardVerificationUnavailable, '暂不支持绑定他行账户，请绑定本人在本行的Ⅰ类账户', {
      field: ['input', 'boundBankName'],
    });
  }
}

/** The verifier the configuration names: the stand-in in development or when set (never in production), else none. */
export function createBoundCardVerifier(log: Logger, env?: NodeJS.ProcessEnv): BoundCardVerifier {
  const { mode, settings } = config(env);
  const standIn = settings.CARD_VERIFICATION_PROVIDER === 'stand-in' || mode === 'development';
  return standIn ? new StandInCardVerifier() : new UnconfiguredCardVerifier(log);
}
