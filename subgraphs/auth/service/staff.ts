/**
 * Staff sign-in on the OPS channel: password (argon2id) plus a TOTP code (otplib, RFC 6238, 30 s).
 * A code signs in once: its time step is claimed with a compare-and-set (RFC 6238 §5.2), so a
 * replayed or concurrently reused code answers `TOTP_CODE_REUSED`.
 * Staff sessions carry their roles; customers' never do. Five failures lock the account 15 minutes.
 */
import { createHmac } from 'node:crypto';
import { verifySync } from 'otplib';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { decryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { STAFF_USER } from '../encryptedColumns';
import { isStaffRole, StaffRole } from '../../../platform/identity/identity';
import { loadSecret } from '../../../platform/secrets';
import type { StaffUser } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { accountLocked, FailureCount, isLocked, LOCK_MS, MAX_FAILURES } from './lockout';
import { verifyPassword } from './passwords';
import { IssuedSession, openSession, SessionDeps } from './sessions';

export const DEMO_OPERATOR = { id: 'staff-ops-demo', username: 'ops', roles: ['OPERATOR', 'RISK_ANALYST', 'ADMIN'] as StaffRole[] };

/**
 * The demo operator's TOTP secret, derived from this installation's blind-index key: stable
 * across restarts, different on every installation, never in the source.
 */
export function demoOperatorTotpSecret(): string {
  return base32(createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update('demo-operator-totp').digest().subarray(0, 20));
}

function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(value << (5 - bits)) & 31];
  return output;
}

export interface StaffLoginRequest {
  username: string;
  password: string;
  totpCode: string;
  clientAddress?: string;
}

export async function staffLogin(deps: SessionDeps, request: StaffLoginRequest): Promise<IssuedSession> {
  const { prisma, clock, log } = deps;
  if (!/^[a-z][a-z0-9._-]{1,31}$/.test(request.username)) throw badInput('用户名格式不正确', ['input', 'username']);
  if (!/^\d{6}$/.test(request.totpCode)) throw badInput('动态口令为6位数字', ['input', 'totpCode']);
  const now = clock.now();
  const staff = await prisma.staffUser.findUnique({ where: { username: request.username } });
  const passwordOk = await verifyPassword(staff?.passwordHash, request.password);
  const refused = bankError(ErrorCode.InvalidCredentials, '用户名、密码或动态口令错误');
  if (!staff) throw refused;
  // A locked account's attempts are refused, counted and audited like any other failure.
  if (staff.lockedUntil && staff.lockedUntil > now) await countFailure(deps, staff, now, 'locked');
  const epoch = Math.floor(now.getTime() / 1000);
  const secret = passwordOk ? decryptField(staff.totpSecret, fieldBinding(STAFF_USER, 'totp_secret', staff.id)) : undefined;
  const totp = secret ? verifySync({ secret, token: request.totpCode, epoch }) : undefined;
  if (!totp?.valid) {
    await countFailure(deps, staff, now, 'invalid-credentials');
    throw refused;
  }
  // The winner of two concurrent sign-ins with one code also clears the failure count.
  if (!(await claimTotpStep(deps, staff.id, acceptedTimeStep(totp, epoch), now))) {
    // Either the code was used already, or concurrent failures locked the account meanwhile.
    const current = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { lockedUntil: true } });
    if (current.lockedUntil && current.lockedUntil > now) await countFailure(deps, staff, now, 'locked');
    await countFailure(deps, staff, now, 'totp-reused');
    throw bankError(ErrorCode.TotpCodeReused, '该动态口令已使用，请等待下一个动态口令');
  }
  await recordAudit(prisma, log, now, {
    action: 'staff-login',
    outcome: 'success',
    userId: staff.id,
    channel: 'OPS',
    details: { username: staff.username },
  });
  return openSession(deps, {
    userId: staff.id,
    channel: 'OPS',
    authLevel: 2,
    roles: staff.roles.filter(isStaffRole),
    clientAddress: request.clientAddress,
  });
}

const TOTP_PERIOD_SECONDS = 30;

/** The RFC 6238 time step the accepted code belongs to (otplib reports it; with no tolerance it is the current one). */
function acceptedTimeStep(result: { valid: true }, epoch: number): number {
  const reported = (result as { timeStep?: unknown }).timeStep;
  return typeof reported === 'number' ? reported : Math.floor(epoch / TOTP_PERIOD_SECONDS);
}

/**
 * Records `timeStep` as the last accepted one unless a code of this or a later step already signed
 * in, or the account is locked. One conditional UPDATE: PostgreSQL re-checks the condition on the
 * row a concurrent winner just wrote, so of two sign-ins with the same code exactly one claims it.
 */
async function claimTotpStep({ prisma }: SessionDeps, staffId: string, timeStep: number, now: Date): Promise<boolean> {
  const { count } = await prisma.staffUser.updateMany({
    where: {
      id: staffId,
      AND: [
        { OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: timeStep } }] },
        { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      ],
    },
    data: { lastTotpStep: timeStep, failedCount: 0, lockedUntil: null },
  });
  return count === 1;
}

/**
 * Counts one failure with one UPDATE, evaluated against the row as the previous writer left it, so
 * concurrent failures are each counted and exactly one of them reaches MAX_FAILURES and sets the lock.
 * While locked the count goes on and the lock stays; after a lock has ended counting starts over.
 * Audits the failure and throws ACCOUNT_LOCKED when the account is (now) locked.
 */
async function countFailure(
  { prisma, log }: SessionDeps,
  staff: StaffUser,
  now: Date,
  reason: 'invalid-credentials' | 'totp-reused' | 'locked',
) {
  const lockEnd = new Date(now.getTime() + LOCK_MS);
  const [count] = await prisma.$queryRaw<FailureCount[]>`
    UPDATE staff_user SET
      failed_count = CASE WHEN locked_until <= ${now}::timestamptz THEN 1 ELSE failed_count + 1 END,
      locked_until = CASE
        WHEN locked_until > ${now}::timestamptz THEN locked_until
        WHEN (CASE WHEN locked_until <= ${now}::timestamptz THEN 1 ELSE failed_count + 1 END) >= ${MAX_FAILURES} THEN ${lockEnd}::timestamptz
        ELSE NULL END
    WHERE id = ${staff.id}
    RETURNING failed_count AS failures, locked_until AS "lockedUntil"`;
  await recordAudit(prisma, log, now, {
    action: 'staff-login',
    outcome: 'failure',
    userId: staff.id,
    channel: 'OPS',
    details: { username: staff.username, reason },
  });
  if (count && isLocked(count, now)) throw accountLocked(count.lockedUntil);
}
