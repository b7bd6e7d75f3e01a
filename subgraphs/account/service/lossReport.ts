/**
 * Loss report (挂失) and its lifting by the owner. Reporting freezes the owner's ACTIVE account at once, without a
 * step-up (a customer whose card or phone was stolen must be able to stop it from any device); lifting it needs a
 * step-up bound to the account (UNFREEZE_ACCOUNT). A FROZEN account neither pays nor receives: finance refuses it at
 * intake and the ledger's posting statement moves no money on an account that is not ACTIVE (ACCOUNT_NOT_ACTIVE).
 *
 * `freeze_reason` says whose freeze it is: the owner lifts only their own LOSS_REPORT; a BANK_ORDER freeze (risk, a
 * judicial or supervisory order; also a FROZEN account with no reason, frozen before reasons were kept) stays until the
 * bank lifts it. Each change is one conditional UPDATE on the status read, so concurrent calls cannot cross.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { Account } from '../__generated__/prisma/client';
import type { AccountSelfServiceDeps } from './accountNumberReveal';
import { findOwnAccount, SelfServiceCustomer } from './ownAccount';
import { requireAccountStepUp } from './stepUp';

const notActive = (account: Account) =>
  bankError(ErrorCode.AccountNotActive, account.status === 'CLOSED' ? '账户已销户' : '账户为久悬户，请到网点办理', {
    field: ['accountId'],
    details: { status: account.status },
  });

const bankFreeze = () =>
  bankError(ErrorCode.Forbidden, '账户已被银行冻结，请持本人有效身份证件到网点办理', {
    field: ['accountId'],
    details: { reason: 'BANK_FREEZE' },
  });

/** The owner's loss report: ACTIVE → FROZEN (LOSS_REPORT). An account already FROZEN, by anyone, answers unchanged. */
export async function reportAccountLoss(deps: AccountSelfServiceDeps, customer: SelfServiceCustomer, accountId: string): Promise<Account> {
  const account = await findOwnAccount(deps, customer, accountId, 'report-account-loss');
  const now = deps.clock.now();
  const frozen = await deps.prisma.account.updateMany({
    where: { id: account.id, ownerId: customer.customerId, status: 'ACTIVE' },
    data: { status: 'FROZEN', freezeReason: 'LOSS_REPORT', frozenAt: now },
  });
  const current = await deps.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
  if (frozen.count === 1) {
    deps.log.info(
      { event: 'account.loss.reported', customerId: customer.customerId, accountId: account.id, channel: customer.channel },
      'account frozen by its owner (loss report)',
    );
    return current;
  }
  if (current.status === 'FROZEN') return current;
  throw notActive(current);
}

/** Lifts the owner's own loss report after the step-up: FROZEN (LOSS_REPORT) → ACTIVE. An ACTIVE account answers unchanged. */
export async function unfreezeAccount(
  deps: AccountSelfServiceDeps,
  customer: SelfServiceCustomer,
  accountId: string,
  challengeToken: string,
): Promise<Account> {
  const account = await findOwnAccount(deps, customer, accountId, 'unfreeze-account');
  // Nothing to lift, or nothing the owner may lift: answered before the token is spent.
  if (account.status === 'ACTIVE') return account;
  if (account.status !== 'FROZEN') throw notActive(account);
  if (account.freezeReason !== 'LOSS_REPORT') throw bankFreeze();
  await requireAccountStepUp(deps.auth, customer.customerId, 'UNFREEZE_ACCOUNT', account.id, challengeToken);
  const lifted = await deps.prisma.account.updateMany({
    where: { id: account.id, status: 'FROZEN', freezeReason: 'LOSS_REPORT' },
    data: { status: 'ACTIVE', freezeReason: null, frozenAt: null },
  });
  const current = await deps.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
  if (lifted.count === 1) {
    deps.log.info(
      { event: 'account.loss.lifted', customerId: customer.customerId, accountId: account.id, channel: customer.channel },
      "owner's loss report lifted after step-up",
    );
    return current;
  }
  // Changed meanwhile: lifted by a concurrent call, or frozen by the bank.
  if (current.status === 'ACTIVE') return current;
  if (current.status === 'FROZEN') throw bankFreeze();
  throw notActive(current);
}
