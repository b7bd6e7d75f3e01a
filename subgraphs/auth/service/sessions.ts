/**
 * Sessions: a short-lived access token (ES256, 15 minutes) plus an opaque refresh token stored only
 * as a SHA-256 hash and rotated on every use. Presenting a refresh token that was already rotated
 * means two parties hold it (theft): the whole session ends. Revocation is written to the shared
 * revocation store before the call returns, so every gateway refuses the session's access tokens.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock';
import { ErrorCode, bankError } from '../../../platform/errors';
import type { ChannelName, StaffRole } from '../../../platform/identity/identity';
import type { Logger } from '../../../platform/observability/logger';
import type { PrismaClient, Session } from '../__generated__/prisma/client';
import type { AuthRuntime } from '../runtime';
import { recordAudit } from './audit';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;
const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** Staff sessions end with the working day. */
const STAFF_SESSION_LIFETIME_MS = 12 * 3600 * 1000;

export interface SessionGrant {
  userId: string;
  channel: ChannelName;
  deviceId?: string;
  /** 1 = password; 2 = password plus a second factor (SMS on a new device, TOTP for staff). */
  authLevel: number;
  roles?: readonly StaffRole[];
  clientAddress?: string;
}

export interface IssuedSession {
  userId: string;
  sessionId: string;
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  /** A verified browser's device token (service/deviceProof.ts), when this sign-in verified the device on WEB. */
  deviceToken?: string;
}

export interface SessionDeps {
  prisma: PrismaClient;
  runtime: AuthRuntime;
  clock: Clock;
  log: Logger;
}

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`;

export async function openSession(deps: SessionDeps, grant: SessionGrant): Promise<IssuedSession> {
  const { prisma, clock } = deps;
  const now = clock.now();
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + (grant.channel === 'OPS' ? STAFF_SESSION_LIFETIME_MS : SESSION_LIFETIME_MS));
  const refreshToken = newRefreshToken();
  await prisma.$transaction([
    prisma.session.create({
      data: {
        id: sessionId,
        userId: grant.userId,
        channel: grant.channel,
        deviceId: grant.deviceId,
        authLevel: grant.authLevel,
        roles: [...(grant.roles ?? [])],
        clientAddress: grant.clientAddress,
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
      },
    }),
    prisma.refreshToken.create({ data: { tokenHash: hashRefreshToken(refreshToken), sessionId, createdAt: now, expiresAt } }),
  ]);
  if (grant.channel === 'MOBILE_APP') await endOtherMobileSessions(deps, grant.userId, sessionId, grant.deviceId);
  return {
    ...(await accessTokenFor(deps, { id: sessionId, ...grant, roles: [...(grant.roles ?? [])] })),
    refreshToken,
    refreshExpiresAt: expiresAt,
  };
}

/**
 * One active mobile-app session per customer: signing in on another phone ends the sessions on
 * the others (signing in again on the same phone leaves that phone's sessions alone).
 */
async function endOtherMobileSessions(deps: SessionDeps, userId: string, keepSessionId: string, deviceId?: string): Promise<void> {
  const others = await deps.prisma.session.findMany({
    where: { userId, channel: 'MOBILE_APP', revokedAt: null, id: { not: keepSessionId }, NOT: deviceId ? { deviceId } : undefined },
    select: { id: true },
  });
  for (const other of others) await revokeSession(deps, other.id, 'SUPERSEDED_BY_OTHER_PHONE');
}

async function accessTokenFor(
  deps: SessionDeps,
  session: Pick<Session, 'id' | 'userId' | 'channel' | 'authLevel'> & { deviceId?: string | null; roles: string[] },
): Promise<{ userId: string; sessionId: string; accessToken: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const accessToken = await deps.runtime.signer.sign(
    {
      sub: session.userId,
      sid: session.id,
      chn: session.channel,
      dev: session.deviceId ?? undefined,
      acr: session.authLevel,
      ...(session.channel === 'OPS' && session.roles.length ? { rol: session.roles } : {}),
    },
    now,
    ACCESS_TOKEN_LIFETIME_SECONDS,
  );
  return {
    userId: session.userId,
    sessionId: session.id,
    accessToken,
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000),
  };
}

const refused = () => bankError(ErrorCode.Unauthenticated, '登录已失效，请重新登录');

export async function refreshSession(deps: SessionDeps, refreshToken: string, channel: ChannelName): Promise<IssuedSession> {
  const { prisma, clock } = deps;
  const now = clock.now();
  const tokenHash = hashRefreshToken(refreshToken);
  const stored = await prisma.refreshToken.findUnique({ where: { tokenHash } });
  if (!stored) throw refused();
  const session = await prisma.session.findUnique({ where: { id: stored.sessionId } });
  if (!session || session.revokedAt || session.expiresAt <= now || stored.expiresAt <= now) throw refused();
  // A refresh token works only on the channel its session was opened on.
  if (session.channel !== channel) throw bankError(ErrorCode.ChannelMismatch, '登录渠道与请求渠道不一致');

  // Rotate: only the first presenter of this token wins; anyone else is presenting a copy.
  const rotated = await prisma.refreshToken.updateMany({ where: { tokenHash, rotatedAt: null }, data: { rotatedAt: now } });
  if (rotated.count === 0) {
    await revokeSession(deps, session.id, 'REFRESH_TOKEN_REUSED');
    await recordAudit(prisma, deps.log, now, {
      action: 'refresh-reuse',
      outcome: 'failure',
      userId: session.userId,
      channel,
      details: { sessionId: session.id },
    });
    throw refused();
  }
  const next = newRefreshToken();
  await prisma.$transaction([
    prisma.refreshToken.create({
      data: { tokenHash: hashRefreshToken(next), sessionId: session.id, createdAt: now, expiresAt: session.expiresAt },
    }),
    prisma.session.update({ where: { id: session.id }, data: { lastUsedAt: now } }),
  ]);
  return { ...(await accessTokenFor(deps, session)), refreshToken: next, refreshExpiresAt: session.expiresAt };
}

/** Ends a session: its refresh tokens stop working now and its access tokens at every gateway's next request. */
export async function revokeSession(deps: SessionDeps, sessionId: string, reason: string): Promise<boolean> {
  const now = deps.clock.now();
  const { count } = await deps.prisma.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  await deps.runtime.revocations.revoke(sessionId);
  if (count > 0) {
    const session = await deps.prisma.session.findUnique({ where: { id: sessionId }, select: { userId: true, channel: true } });
    await recordAudit(deps.prisma, deps.log, now, {
      action: 'session-revoked',
      outcome: 'success',
      userId: session?.userId,
      channel: session?.channel,
      details: { sessionId, reason },
    });
  }
  return count > 0;
}

export function activeSessions(prisma: PrismaClient, userId: string, now: Date): Promise<Session[]> {
  return prisma.session.findMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' } });
}
