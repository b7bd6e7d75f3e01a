/**
 * applyForCreditCard: SUBMITTED → APPROVED (with a credit line) or REJECTED, decided by the card
 * rules in force — the same two steps and per-customer lock as loan applications.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, badInput, bankError } from '../../../../platform/errors';
import type { Identity } from '../../../../platform/identity/identity';
import type { CreditCardApplication, CreditCardType } from '../../__generated__/prisma/client';
import { decideCreditCard } from './creditRules';
import { creditProduct } from './creditProducts';
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../../kit/idempotencyKey';
import { CreditDeps } from './deps';
import { applyingCustomer, creditLockKey } from './loanApplications';
import { cardRulesInForce } from './ruleSets';

export type CreditCardApplicationRecord = CreditCardApplication;

export interface ApplyForCreditCardInput {
  productId: string;
  cardType?: CreditCardType | null;
  idempotencyKey: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function applyForCreditCard(
  deps: CreditDeps,
  identity: Identity,
  input: ApplyForCreditCardInput,
): Promise<CreditCardApplication> {
  const { customerId, channel } = applyingCustomer(identity);
  assertIdempotencyKey(input.idempotencyKey);

  const earlier = await findByKey(deps, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, earlier, input);

  const product = await creditProduct(deps.products, input.productId, 'CREDIT_CARD', channel);
  const cardType = product.creditCard?.cardType;
  if (!cardType) throw bankError(ErrorCode.ProductNotOnSale, '该信用卡产品暂未开放申请', { field: ['input', 'productId'] });
  if (input.cardType && input.cardType !== cardType) throw badInput('所选卡种与该信用卡产品不符', ['input', 'cardType']);

  const now = deps.clock.now();
  let application: CreditCardApplication;
  try {
    application = await deps.prisma.creditCardApplication.create({
      data: {
        id: randomUUID(),
        customerId,
        idempotencyKey: input.idempotencyKey,
        productId: product.id,
        productName: product.name,
        cardType,
        channel,
        createdAt: now,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findByKey(deps, customerId, input.idempotencyKey);
    if (!raced) throw error;
    return resume(deps, raced, input);
  }
  return decide(deps, application);
}

function findByKey(deps: CreditDeps, customerId: string, key: string): Promise<CreditCardApplication | null> {
  return deps.prisma.creditCardApplication.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key } } });
}

async function resume(
  deps: CreditDeps,
  application: CreditCardApplication,
  input: ApplyForCreditCardInput,
): Promise<CreditCardApplication> {
  const same = application.productId === input.productId && (!input.cardType || input.cardType === application.cardType);
  if (!same) throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的申请', { field: ['input', 'idempotencyKey'] });
  return application.status === 'SUBMITTED' ? decide(deps, application) : application;
}

async function decide(deps: CreditDeps, application: CreditCardApplication): Promise<CreditCardApplication> {
  const kycLevel = await deps.identities.kycLevel(application.customerId);
  const now = deps.clock.now();
  await deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${creditLockKey(application.customerId)})`;
    const current = await tx.creditCardApplication.findUniqueOrThrow({ where: { id: application.id } });
    if (current.status !== 'SUBMITTED') return;
    const rules = await cardRulesInForce(tx, now);
    const since = new Date(now.getTime() - rules.params.maxRecentApplications.days * DAY_MS);
    const [recentApplications, sameProductApproved, activeLoans] = await Promise.all([
      tx.creditCardApplication.count({
        where: { customerId: application.customerId, id: { not: application.id }, createdAt: { gte: since } },
      }),
      tx.creditCardApplication.count({
        where: { customerId: application.customerId, productId: application.productId, status: 'APPROVED' },
      }),
      tx.loan.count({ where: { customerId: application.customerId, status: 'ACTIVE' } }),
    ]);
    const decision = decideCreditCard(rules.params, {
      kycLevel,
      activeLoans,
      recentApplications,
      holdsSameProduct: sameProductApproved > 0,
      cardType: application.cardType,
    });
    await tx.creditCardApplication.update({
      where: { id: application.id },
      data: {
        status: decision.status,
        ruleSetVersion: rules.version,
        score: decision.score,
        reasonCode: decision.reasonCode,
        reason: decision.reason,
        creditLimit: decision.creditLimit,
        decidedAt: now,
      },
    });
  });
  const decided = await deps.prisma.creditCardApplication.findUniqueOrThrow({ where: { id: application.id } });
  deps.log.info(
    {
      event: 'limits.card.decided',
      customerId: decided.customerId,
      applicationId: decided.id,
      status: decided.status,
      reasonCode: decided.reasonCode,
      ruleSetVersion: decided.ruleSetVersion,
    },
    'credit card application decided',
  );
  return decided;
}

export function findCreditCardApplications(
  deps: Pick<CreditDeps, 'prisma'>,
  customerId: string,
  first: number,
): Promise<CreditCardApplication[]> {
  return deps.prisma.creditCardApplication.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(first, 1), 50),
  });
}
