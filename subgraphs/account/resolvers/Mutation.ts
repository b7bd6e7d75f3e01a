/**
 * Internal ledger operations. `@inaccessible`: the gateway's API never shows them, and each one's
 * `@requiresServiceScope` refuses anything but a service credential with its scope.
 */
import { serviceCaller } from '../../kit/authorization';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { ledgerAccountId } from '../service/generalLedger';
import { placeHold, releaseHold } from '../service/holds';
import { LedgerError, LedgerLeg, postJournalEntry, reverseJournalEntry, voidOrder } from '../service/ledger';
import { applyOrderEvent } from '../service/orderEvents';
import { accountSelfServiceMutations } from './accountSelfService';
import { electronicAccountMutations } from './electronicAccounts';

const LEDGER_CODES: Record<string, ErrorCode> = {
  INSUFFICIENT_FUNDS: ErrorCode.InsufficientFunds,
  BALANCE_CAP_EXCEEDED: ErrorCode.BalanceCapExceeded,
  ACCOUNT_NOT_FOUND: ErrorCode.NotFound,
  ACCOUNT_NOT_ACTIVE: ErrorCode.AccountNotActive,
  ORDER_VOIDED: ErrorCode.OrderVoided,
  NOT_POSTED: ErrorCode.NotFound,
  UNBALANCED: ErrorCode.BadUserInput,
};

/** A ledger refusal keeps a stable code for the calling center. */
async function ledgerCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LedgerError)
      throw bankError(LEDGER_CODES[error.reason] ?? ErrorCode.InternalServerError, error.message, { details: { reason: error.reason } });
    throw error;
  }
}

export const Mutation: MutationResolvers = {
  ...electronicAccountMutations,
  ...accountSelfServiceMutations,
  postLedgerEntry: async (_parent, { input }, { prisma, clock }) => {
    const legs: LedgerLeg[] = [];
    for (const [index, leg] of input.legs.entries()) {
      const field = ['input', 'legs', index];
      const accountId = leg.accountId ?? (leg.ledgerCode ? await ledgerAccountId(prisma, leg.ledgerCode) : null);
      if (!accountId) throw badInput('需要账户或总账科目', [...field, 'accountId']);
      const fen = parseAmountToFen(leg.amount, [...field, 'amount']);
      legs.push({
        accountId,
        amount: leg.direction === 'DEBIT' ? -fen : fen,
        counterpartyName: leg.counterpartyName,
        counterpartyAccountNumber: leg.counterpartyAccountNumber,
        counterpartyBank: leg.counterpartyBank,
      });
    }
    return ledgerCall(() =>
      postJournalEntry(prisma, {
        orderId: input.orderId,
        kind: input.kind,
        memo: input.memo,
        channel: input.channel,
        postedAt: clock.now(),
        legs,
      }),
    );
  },
  reverseLedgerEntry: (_parent, { orderId, kind, memo }, { prisma, clock }) => {
    return ledgerCall(() => reverseJournalEntry(prisma, { orderId, kind, memo, postedAt: clock.now() }));
  },
  voidLedgerOrder: (_parent, { orderId }, { prisma, clock }) => {
    return voidOrder(prisma, orderId, clock.now());
  },
  placeHold: async (_parent, { orderId, accountId, amount }, { prisma, clock }) => {
    const fen = parseAmountToFen(amount, ['amount']);
    const hold = await ledgerCall(() => placeHold(prisma, { orderId, accountId, amount: fen, at: clock.now() }));
    return { orderId: hold.orderId, accountId: hold.accountId, amount: fenToDecimal(hold.amount), held: hold.status === 'HELD' };
  },
  applyOrderEvent: (_parent, { event }, { identity, prisma, clock }) => {
    const { service } = serviceCaller(identity);
    return applyOrderEvent(prisma, { id: event.id, type: event.type, orderId: event.orderId, source: service, at: clock.now() });
  },
  releaseHold: async (_parent, { orderId }, { prisma, clock }) => {
    const hold = await releaseHold(prisma, orderId, clock.now());
    return hold && { orderId: hold.orderId, accountId: hold.accountId, amount: fenToDecimal(hold.amount), held: hold.status === 'HELD' };
  },
};
