/**
 * Spending points on the reward catalogue (积分兑换). A redemption is one transaction: the
 * redemption row (unique per customer and idempotency key), one unit of stock (if the reward has a
 * stock) and the points spend (points.ts: one conditional UPDATE, never below zero). The row is
 * written first, so a concurrent retry with the same key waits on its unique index and then answers
 * the first redemption instead of spending again; any refusal rolls the whole transaction back.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError } from '../../../platform/errors';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import type { PrismaClient, Reward, RewardRedemption } from '../__generated__/prisma/client';
import { PointsError, applyPointsEntry } from './points';

export interface RewardView {
  id: string;
  title: string;
  description: string;
  pointsCost: number;
  stock: number | null;
  available: boolean;
}

export interface RewardRedemptionView {
  id: string;
  reward: RewardView;
  pointsSpent: number;
  balanceAfter: number;
  createdAt: Date;
}

export function rewardView(reward: Reward): RewardView {
  return {
    id: reward.id,
    title: reward.title,
    description: reward.description,
    pointsCost: reward.pointsCost,
    stock: reward.stock,
    available: reward.active && (reward.stock === null || reward.stock > 0),
  };
}

function redemptionView(redemption: RewardRedemption & { reward: Reward }): RewardRedemptionView {
  const { reward, ...row } = redemption;
  return { id: row.id, reward: rewardView(reward), pointsSpent: row.pointsSpent, balanceAfter: row.balanceAfter, createdAt: row.createdAt };
}

/** The catalogue customers see: active rewards, in the bank's order, then cheapest first. */
export async function listRewards(prisma: PrismaClient): Promise<RewardView[]> {
  const rewards = await prisma.reward.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { pointsCost: 'asc' }, { id: 'asc' }],
  });
  return rewards.map(rewardView);
}

class RedemptionRefused extends Error {
  constructor(readonly refusal: ReturnType<typeof bankError>) {
    super(refusal.message);
  }
}

/** The customer's redemption under this key, if any; the same key for another reward is IDEMPOTENCY_CONFLICT. */
async function replayOf(prisma: PrismaClient, customerId: string, rewardId: string, idempotencyKey: string) {
  const found = await prisma.rewardRedemption.findUnique({
    where: { customerId_idempotencyKey: { customerId, idempotencyKey } },
    include: { reward: true },
  });
  if (!found) return null;
  if (found.rewardId !== rewardId)
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于兑换其他礼品', { field: ['idempotencyKey'] });
  return redemptionView(found);
}

export interface RedeemPointsRequest {
  customerId: string;
  rewardId: string;
  idempotencyKey: string;
  now: Date;
}

/**
 * Spends the reward's points cost for the customer. Refusals, nothing written: BAD_USER_INPUT
 * (idempotencyKey), NOT_FOUND (rewardId: unknown or withdrawn), REWARD_OUT_OF_STOCK,
 * INSUFFICIENT_POINTS (with `required` and `balance`), IDEMPOTENCY_CONFLICT (the key was used for another reward).
 */
export async function redeemPoints(prisma: PrismaClient, request: RedeemPointsRequest): Promise<RewardRedemptionView> {
  const { customerId, rewardId, idempotencyKey, now } = request;
  assertIdempotencyKey(idempotencyKey, ['idempotencyKey']);
  const replay = await replayOf(prisma, customerId, rewardId, idempotencyKey);
  if (replay) return replay;
  const reward = await prisma.reward.findUnique({ where: { id: rewardId } });
  if (!reward || !reward.active) throw bankError(ErrorCode.NotFound, '礼品不存在或已下架', { field: ['rewardId'] });

  const id = randomUUID();
  try {
    return await prisma.$transaction(async (tx) => {
      // First: a concurrent request with the same key blocks here until this one commits or rolls back.
      await tx.rewardRedemption.create({
        data: { id, customerId, rewardId, idempotencyKey, pointsSpent: reward.pointsCost, balanceAfter: 0, createdAt: now },
      });
      if (reward.stock !== null) {
        const { count } = await tx.reward.updateMany({ where: { id: rewardId, stock: { gt: 0 } }, data: { stock: { decrement: 1 } } });
        if (count === 0) throw new RedemptionRefused(bankError(ErrorCode.RewardOutOfStock, '该礼品已兑完', { field: ['rewardId'] }));
      }
      let balanceAfter: number;
      try {
        balanceAfter = await applyPointsEntry(tx, {
          customerId,
          delta: -reward.pointsCost,
          reason: 'REWARD_REDEMPTION',
          reference: `reward-redemption:${id}`,
          at: now,
        });
      } catch (error) {
        if (!(error instanceof PointsError) || error.reason !== 'INSUFFICIENT_POINTS') throw error;
        const balance = (await tx.pointsAccount.findUnique({ where: { customerId } }))?.balance ?? 0;
        throw new RedemptionRefused(
          bankError(ErrorCode.InsufficientPoints, `积分不足：兑换需要${reward.pointsCost}积分，当前${balance}积分`, {
            field: ['rewardId'],
            details: { required: reward.pointsCost, balance },
          }),
        );
      }
      const saved = await tx.rewardRedemption.update({ where: { id }, data: { balanceAfter }, include: { reward: true } });
      return redemptionView(saved);
    }, QUEUED_TRANSACTION);
  } catch (error) {
    if (error instanceof RedemptionRefused) throw error.refusal;
    if (!isUniqueViolation(error)) throw error;
    // The same key won concurrently: answer its redemption.
    const winner = await replayOf(prisma, customerId, rewardId, idempotencyKey);
    if (winner) return winner;
    throw error;
  }
}
