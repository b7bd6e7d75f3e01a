/**
 * Loans left DISBURSING (finance or the network failed between the claim and the answer, and the
 * customer did not ask again): asks finance again with the attempt's same key, so the order that
 * may already exist is answered rather than a second one made, and applies the answer (ACTIVE,
 * back to APPROVED, or still pending). A loan is taken for a pass by moving its `updated_at`
 * forward under `FOR UPDATE SKIP LOCKED`, so two workers never ask for the same loan at once.
 */
import type { ChannelName } from '../../../../platform/identity/identity';
import type { CreditDeps } from './deps';
import { continueDisbursement } from './loanDisbursements';

/** How long a DISBURSING loan is left to the request that claimed it. */
export const DISBURSEMENT_GRACE_MS = 60_000;

export async function finishStuckDisbursements(deps: CreditDeps, batch = 20): Promise<number> {
  const now = deps.clock.now();
  const rows = await deps.prisma.$queryRaw<{ id: string }[]>`
    UPDATE loan SET updated_at = ${now}
     WHERE id IN (
       SELECT id FROM loan
        WHERE status = 'DISBURSING' AND updated_at < ${new Date(now.getTime() - DISBURSEMENT_GRACE_MS)}
        ORDER BY updated_at
        LIMIT ${batch}
          FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  for (const { id } of rows) {
    const loan = await deps.prisma.loan.findUniqueOrThrow({ where: { id }, include: { application: { select: { channel: true } } } });
    try {
      // The channel matters only if finance never saw the attempt: then it is the one the customer applied on.
      await continueDisbursement(deps, loan, (loan.application?.channel ?? 'MOBILE_APP') as ChannelName);
    } catch (error) {
      deps.log.warn({ err: error, loanId: id }, 'loan disbursement not finished; retried on a later pass');
    }
  }
  return rows.length;
}
