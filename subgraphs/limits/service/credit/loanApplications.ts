/**
 * applyForLoan: SUBMITTED → APPROVED (with a loan contract) or REJECTED, decided automatically.
 *
 * 1. Bad input and products that cannot be applied for are refused with nothing written.
 * 2. A SUBMITTED row is written with the product's terms copied (unique per customer and key: a
 *    replay, or a concurrent duplicate, finds it and answers it).
 * 3. The decision runs in one transaction under a per-customer advisory lock (so two applications
 *    cannot both count the same free exposure): the rules in force, facts from this store and the
 *    user center, then SUBMITTED → decided as a compare-and-set, and for APPROVED the loan contract
 *    and its schedule. A crash between 2 and 3 leaves SUBMITTED; a replay with the key decides it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ErrorCode, badInput, bankError, unauthenticated } from '../../../../platform/errors';
import type { Identity } from '../../../../platform/identity/identity';
import { parseAmountToFen } from '../../../kit/money';
import type { LoanApplication, LoanPurpose, Prisma } from '../../__generated__/prisma/client';
import { isLimitChannel } from '../effectiveLimits';
import { decideLoan } from './creditRules';
import { amountRange, creditProduct, maxTermMonths, rateToScaled } from './creditProducts';
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../../kit/idempotencyKey';
import { CreditDeps } from './deps';
import { createLoanContract } from './loans';
import { loanRulesInForce } from './ruleSets';

export type LoanApplicationRecord = LoanApplication;

export interface ApplyForLoanInput {
  productId: string;
  amount: string;
  termMonths: number;
  purpose: LoanPurpose;
  idempotencyKey: string;
}

const RECENT_DAY_MS = 24 * 60 * 60 * 1000;

/** The signed-in customer on a customer channel (staff and services do not apply for credit). */
export function applyingCustomer(identity: Identity): {
  customerId: string;
  channel: 'WEB' | 'MOBILE_APP' | 'WECHAT_MINI' | 'WECHAT_BANKING' | 'ALIPAY_MINI';
} {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (!isLimitChannel(identity.channel)) throw bankError(ErrorCode.ChannelNotAllowed, '该渠道不能申请授信产品');
  return { customerId: identity.userId, channel: identity.channel };
}

export async function applyForLoan(deps: CreditDeps, identity: Identity, input: ApplyForLoanInput): Promise<LoanApplication> {
  const { customerId, channel } = applyingCustomer(identity);
  assertIdempotencyKey(input.idempotencyKey);
  const amount = parseAmountToFen(input.amount, ['input', 'amount']);

  const earlier = await findByKey(deps, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, earlier, input, amount);

  const product = await creditProduct(deps.products, input.productId, 'LOAN', channel);
  const range = amountRange(product);
  if (amount < range.min || amount > range.max)
    throw badInput(`申请金额须在${product.minAmount.amount}元至${product.maxAmount!.amount}元之间`, ['input', 'amount']);
  const longest = maxTermMonths(product);
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > longest)
    throw badInput(`贷款期限须为1至${longest}个月`, ['input', 'termMonths']);

  const now = deps.clock.now();
  let application: LoanApplication;
  try {
    application = await deps.prisma.loanApplication.create({
      data: {
        id: randomUUID(),
        customerId,
        idempotencyKey: input.idempotencyKey,
        productId: product.id,
        productName: product.name,
        amount,
        termMonths: input.termMonths,
        purpose: input.purpose,
        annualRate: rateToScaled(product.rate),
        productMinAmount: range.min,
        productMaxAmount: range.max,
        channel,
        createdAt: now,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findByKey(deps, customerId, input.idempotencyKey);
    if (!raced) throw error;
    return resume(deps, raced, input, amount);
  }
  return decide(deps, application);
}

function findByKey(deps: CreditDeps, customerId: string, key: string): Promise<LoanApplication | null> {
  return deps.prisma.loanApplication.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key } } });
}

/** The same request answers the first application (deciding it if a crash left it SUBMITTED). */
async function resume(deps: CreditDeps, application: LoanApplication, input: ApplyForLoanInput, amount: bigint): Promise<LoanApplication> {
  const same =
    application.productId === input.productId &&
    application.amount === amount &&
    application.termMonths === input.termMonths &&
    application.purpose === input.purpose;
  if (!same) throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的申请', { field: ['input', 'idempotencyKey'] });
  return application.status === 'SUBMITTED' ? decide(deps, application) : application;
}

/** A per-customer lock key for decisions (the same namespace for loans and cards). */
export function creditLockKey(customerId: string): bigint {
  return createHash('sha256').update(`credit:${customerId}`).digest().readBigInt64BE(0);
}

async function decide(deps: CreditDeps, application: LoanApplication): Promise<LoanApplication> {
  const kycLevel = await deps.identities.kycLevel(application.customerId);
  const now = deps.clock.now();
  await deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${creditLockKey(application.customerId)})`;
    const current = await tx.loanApplication.findUniqueOrThrow({ where: { id: application.id } });
    if (current.status !== 'SUBMITTED') return; // a concurrent duplicate decided it first
    const rules = await loanRulesInForce(tx, now);
    const facts = await loanFacts(tx, application, now, rules.params.maxRecentApplications.days);
    const decision = decideLoan(rules.params, {
      ...facts,
      kycLevel,
      amount: application.amount,
      termMonths: application.termMonths,
      productMaxAmount: application.productMaxAmount,
    });
    await tx.loanApplication.update({
      where: { id: application.id },
      data: {
        status: decision.status,
        ruleSetVersion: rules.version,
        score: decision.score,
        reasonCode: decision.reasonCode,
        reason: decision.reason,
        decidedAt: now,
      },
    });
    if (decision.status === 'APPROVED') await createLoanContract(tx, current, now);
  });
  const decided = await deps.prisma.loanApplication.findUniqueOrThrow({ where: { id: application.id } });
  deps.log.info(
    {
      event: 'limits.loan.decided',
      customerId: decided.customerId,
      applicationId: decided.id,
      status: decided.status,
      reasonCode: decided.reasonCode,
      ruleSetVersion: decided.ruleSetVersion,
    },
    'loan application decided',
  );
  return decided;
}

async function loanFacts(tx: Prisma.TransactionClient, application: LoanApplication, now: Date, recentDays: number) {
  // A loan approved but not yet paid out is already the bank's commitment: it counts like an active one.
  const activeLoans = await tx.loan.findMany({
    where: { customerId: application.customerId, status: { in: ['APPROVED', 'DISBURSING', 'ACTIVE'] } },
    select: { productId: true, outstandingPrincipal: true },
  });
  const recentApplications = await tx.loanApplication.count({
    where: {
      customerId: application.customerId,
      id: { not: application.id },
      createdAt: { gte: new Date(now.getTime() - recentDays * RECENT_DAY_MS) },
    },
  });
  const outstandingOnProduct = activeLoans
    .filter((loan) => loan.productId === application.productId)
    .reduce((sum, loan) => sum + loan.outstandingPrincipal, 0n);
  return { activeLoans: activeLoans.length, outstandingOnProduct, recentApplications };
}

/** The customer's loan applications, newest first. */
export function findLoanApplications(deps: Pick<CreditDeps, 'prisma'>, customerId: string, first: number): Promise<LoanApplication[]> {
  return deps.prisma.loanApplication.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(first, 1), 50),
  });
}
