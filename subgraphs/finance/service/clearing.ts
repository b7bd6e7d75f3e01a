/**
 * The interbank clearing simulator. Other-bank orders are posted to the INTERBANK_CLEARING account
 * and queue a `clearing_instruction` in the same statement as POSTED; when the instruction is due
 * (`CLEARING_DELAY_MS`) the simulated other bank settles it or returns it with a named reason
 * (`clearingRules.ts`). The queue is the table, so it survives restarts.
 *
 * Settled: the limit usage is committed, then COMPLETED + instruction SETTLED in one statement.
 * Returned: the posting is compensated by a new REVERSAL entry (unique per order, so the refund
 * happens exactly once however often this runs), the limit usage is given back (idempotent), then
 * REVERSED + instruction RETURNED in one statement. A crash between the steps is finished by the
 * next pass, because the instruction stays QUEUED until the last statement.
 */
import type { ClearingInstruction } from '../__generated__/prisma/client';
import { CLEARING_RETURN_REASONS, ClearingReturnReason } from './clearingRules';
import { LEASE_MS, MoneyDeps } from './deps';
import { moveOrder } from './orderMachine';

export type ClearingOutcome = 'SETTLED' | 'RETURNED' | 'SKIPPED';

/** Takes up to `batch` due instructions with a lease, so two workers never process the same one. */
export async function leaseDueInstructions(deps: MoneyDeps, batch = 20): Promise<ClearingInstruction[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await deps.prisma.$queryRaw<{ order_id: string }[]>`
    UPDATE clearing_instruction SET lease_expires_at = ${lease}
     WHERE order_id IN (
       SELECT order_id FROM clearing_instruction
        WHERE status = 'QUEUED' AND processed_at IS NULL AND due_at <= ${now} AND (lease_expires_at IS NULL OR lease_expires_at < ${now})
        ORDER BY due_at
        LIMIT ${batch}
          FOR UPDATE SKIP LOCKED)
    RETURNING order_id`;
  if (rows.length === 0) return [];
  return deps.prisma.clearingInstruction.findMany({ where: { orderId: { in: rows.map((row) => row.order_id) } } });
}

export async function processInstruction(deps: MoneyDeps, instruction: ClearingInstruction): Promise<ClearingOutcome> {
  const order = await deps.prisma.order.findUniqueOrThrow({ where: { id: instruction.orderId } });
  if (order.status !== 'POSTED') {
    // Only reachable if the order was finished some other way: close the instruction so it stops coming back.
    await deps.prisma.clearingInstruction.updateMany({
      where: { orderId: order.id, status: 'QUEUED' },
      data: { leaseExpiresAt: null, processedAt: deps.clock.now() },
    });
    return 'SKIPPED';
  }
  const reason = instruction.plannedReturn as ClearingReturnReason | null;
  if (!reason) {
    await deps.limits.commit(order.id);
    await moveOrder(deps.prisma, order, 'complete', deps.clock.now(), {
      parked: true,
      clearingResult: { status: 'SETTLED', returnReason: null },
    });
    return 'SETTLED';
  }
  const text = CLEARING_RETURN_REASONS[reason] ?? reason;
  await deps.account.reverse(order.id, 'TRANSFER_RETURN', `退汇：${text}`);
  await deps.afterStep?.('clearing-reversed', order.id);
  await deps.limits.release(order.id);
  await deps.afterStep?.('clearing-released', order.id);
  await moveOrder(deps.prisma, order, 'returnByClearing', deps.clock.now(), {
    failureCode: `CLEARING_RETURNED_${reason}`,
    failureReason: `收款行退汇：${text}，款项已退回原账户`,
    parked: true,
    clearingResult: { status: 'RETURNED', returnReason: reason },
  });
  return 'RETURNED';
}

/** One pass of the simulated other bank over due instructions. */
export async function runClearing(deps: MoneyDeps, batch = 20): Promise<Record<ClearingOutcome, number>> {
  const outcomes: Record<ClearingOutcome, number> = { SETTLED: 0, RETURNED: 0, SKIPPED: 0 };
  for (const instruction of await leaseDueInstructions(deps, batch)) {
    try {
      outcomes[await processInstruction(deps, instruction)] += 1;
    } catch (error) {
      deps.log.warn({ err: error, orderId: instruction.orderId }, 'clearing instruction failed; retried after its lease');
    }
  }
  return outcomes;
}
