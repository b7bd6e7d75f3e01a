/**
 * The auth center's short-lived rows — SMS codes, pending sign-ins, registrations and password resets, step-up
 * challenges, ceremony nonces, refresh tokens and sessions — are useless once expired, yet nothing
 * else ever removes them: every sign-in, registration and payment would grow the tables for good.
 * This sweep deletes each row `EXPIRED_ROW_GRACE_MS` after it stopped being usable. The grace
 * keeps recent rows for an investigation of a complaint ("I never asked for that code"); what must
 * last longer is in `audit_event` and the risk decisions, which the sweep never touches.
 *
 * Deletes go in batches (`ctid` of up to `BATCH` rows per statement) so one pass never holds long
 * locks on a busy table; N replicas sweeping at once only race to delete the same rows, which is
 * harmless. Each table's `expires_at` is indexed for it.
 */
import type { Clock } from '../../../platform/clock';
import type { PrismaClient } from '../__generated__/prisma/client';

export const EXPIRED_ROW_GRACE_MS = 30 * 24 * 60 * 60 * 1000;
const BATCH = 1_000;

/**
 * Each table with the condition under which a row is past use at `$1` (the cutoff), written so the
 * `expires_at` index finds the rows. A challenge's token may outlive the challenge. A revoked session
 * stays until its expiry: a refresh token naming a session that is gone is refused like a revoked one.
 */
const SWEEPS: readonly { table: string; pastUse: string }[] = [
  { table: 'sms_code', pastUse: 'expires_at < $1' },
  { table: 'pending_login', pastUse: 'expires_at < $1' },
  { table: 'registration', pastUse: 'expires_at < $1' },
  { table: 'password_reset', pastUse: 'expires_at < $1' },
  { table: 'challenge', pastUse: 'expires_at < $1 AND (token_expires_at IS NULL OR token_expires_at < $1)' },
  { table: 'ceremony_nonce', pastUse: 'expires_at < $1' },
  { table: 'refresh_token', pastUse: 'expires_at < $1' },
  { table: 'session', pastUse: 'expires_at < $1' },
];

/** One pass: answers how many rows it deleted (a full batch makes the worker come back at once). */
export async function sweepExpiredRows(prisma: PrismaClient, clock: Clock): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - EXPIRED_ROW_GRACE_MS);
  let deleted = 0;
  for (const { table, pastUse } of SWEEPS) {
    // Table names and conditions are the constants above; only the cutoff is a parameter.
    deleted += await prisma.$executeRawUnsafe(
      `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${pastUse} LIMIT ${BATCH})`,
      cutoff,
    );
  }
  return deleted;
}
