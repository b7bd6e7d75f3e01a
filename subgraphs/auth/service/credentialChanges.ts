/**
 * A signed-in customer changes their own secrets: the login password (knowing the current one) and
 * the transaction PIN (knowing the current one; a forgotten PIN is replaced through `setTransactionPin`
 * with an SMS challenge).
 *
 * Every check of the new secret comes before the current one is verified, so a refusal of the new
 * secret never spends one of the customer's attempts. A wrong current password counts against the
 * same lock as sign-in (five in fifteen minutes lock the credential for everyone), a wrong current PIN
 * against the PIN's daily count. A changed password ends every other session of the customer: a
 * customer who changes it because someone else knows it must not leave that someone signed in.
 */
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { recordAudit } from './audit';
import { errorAtField } from './errorAtField';
import { accountLocked, clearPasswordFailures, countPasswordFailure, isLocked, lockedByThisFailure } from './lockout';
import { customerMobile } from './login';
import { assertPasswordAllowed } from './passwordPolicy';
import { hashPassword, verifyPassword } from './passwords';
import { assertPinStrong, decryptPin, setPin, verifyPin } from './pin';
import { revokeSession, SessionDeps } from './sessions';

export interface SignedInCustomer {
  userId: string;
  sessionId?: string;
  channel: string;
}

/** Changes the login password; answers how many other sessions it ended. */
export async function changeLoginPassword(
  deps: SessionDeps,
  customer: SignedInCustomer,
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  const { prisma, clock, log } = deps;
  if (currentPassword.length === 0 || currentPassword.length > 128) throw badInput('当前登录密码长度不正确', ['currentPassword']);
  assertPasswordAllowed(newPassword, await customerMobile(deps, customer.userId), ['newPassword']);
  if (newPassword === currentPassword) throw badInput('新密码不能与当前密码相同', ['newPassword']);

  const now = clock.now();
  const credential = await prisma.credential.findUniqueOrThrow({ where: { userId: customer.userId } });
  const audit = { userId: customer.userId, channel: customer.channel };
  const valid = await verifyPassword(credential.passwordHash ?? undefined, currentPassword);
  const locked = credential.lockedUntil != null && credential.lockedUntil > now;
  if (!valid || locked || !(await clearPasswordFailures(prisma, customer.userId, now))) {
    const count = await countPasswordFailure(prisma, customer.userId, now);
    await recordAudit(prisma, log, now, {
      action: lockedByThisFailure(count, now) ? 'login-locked' : 'password-change',
      outcome: 'failure',
      ...audit,
      details: { reason: valid ? 'locked' : 'password' },
    });
    if (isLocked(count, now)) throw accountLocked(count.lockedUntil);
    throw bankError(ErrorCode.InvalidCredentials, '当前登录密码不正确', { field: ['currentPassword'] });
  }

  await prisma.credential.update({ where: { userId: customer.userId }, data: { passwordHash: await hashPassword(newPassword) } });
  const others = await prisma.session.findMany({
    where: { userId: customer.userId, revokedAt: null, expiresAt: { gt: now }, id: { not: customer.sessionId ?? '' } },
    select: { id: true },
  });
  for (const session of others) await revokeSession(deps, session.id, 'PASSWORD_CHANGED');
  await recordAudit(prisma, log, now, {
    action: 'password-change',
    outcome: 'success',
    ...audit,
    details: { sessionsEnded: others.length },
  });
  return others.length;
}

/** Replaces the transaction PIN with a new one, proven by the current PIN. */
export async function changeTransactionPin(
  deps: SessionDeps,
  customer: SignedInCustomer,
  currentEncryptedPin: string,
  newEncryptedPin: string,
): Promise<void> {
  const { prisma, clock, log } = deps;
  const current = await decryptPin(prisma, currentEncryptedPin, ['currentEncryptedPin']);
  const next = await decryptPin(prisma, newEncryptedPin, ['newEncryptedPin']);
  try {
    assertPinStrong(next);
  } catch {
    throw badInput('交易密码过于简单，请勿使用连续或重复的数字', ['newEncryptedPin']);
  }
  if (next === current) throw badInput('新交易密码不能与当前交易密码相同', ['newEncryptedPin']);
  try {
    await verifyPin(prisma, log, clock, customer.userId, current);
  } catch (error) {
    await recordAudit(prisma, log, clock.now(), {
      action: 'pin-change',
      outcome: 'failure',
      userId: customer.userId,
      channel: customer.channel,
    });
    throw errorAtField(error, ['currentEncryptedPin']);
  }
  await setPin(prisma, log, clock, customer.userId, next);
}
