/**
 * The expired-row sweep against a real auth database: a row goes once it has been past use for the
 * grace period and not before; a challenge whose token outlives it stays until the token is past
 * too; a pass deletes in batches and reports what it deleted, so a second pass finds nothing.
 */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../../platform/clock';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../__generated__/prisma/client';
import { EXPIRED_ROW_GRACE_MS, sweepExpiredRows } from '../service/expiredRows';

const DAY = 24 * 60 * 60 * 1000;

describe('the expired-row sweep', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const clock = new ManualClock('2026-12-02T02:00:00.000Z');
  beforeAll(async () => {
    database = await createTestDatabase('auth');
    prisma = createPrismaClient(PrismaClient, database.url, 2).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** One row of every swept table expiring at `expiresAt`; answers their ids by table. */
  async function rowsExpiringAt(expiresAt: Date, tokenExpiresAt: Date | null = null) {
    const createdAt = new Date(expiresAt.getTime() - 5 * 60_000);
    const ids = { smsCode: randomUUID(), pendingLogin: randomUUID(), registration: randomUUID(), challenge: randomUUID() };
    const sessionId = randomUUID();
    const nonceId = randomUUID();
    const tokenHash = randomUUID();
    await prisma.$transaction([
      prisma.smsCode.create({ data: { id: ids.smsCode, mobileIndex: 'm', purpose: 'LOGIN', codeHash: 'h', sentAt: createdAt, expiresAt } }),
      prisma.pendingLogin.create({
        data: { id: ids.pendingLogin, userId: 'u', channel: 'WEB', device: {}, smsCodeId: ids.smsCode, expiresAt },
      }),
      prisma.registration.create({
        data: { id: ids.registration, mobileEncrypted: 'x', channel: 'WEB', device: {}, smsCodeId: ids.smsCode, createdAt, expiresAt },
      }),
      prisma.challenge.create({
        data: {
          id: ids.challenge,
          userId: 'u',
          purpose: 'TRANSFER',
          actionHash: 'a',
          method: 'SMS',
          status: 'VERIFIED',
          createdAt,
          expiresAt,
          tokenHash: randomUUID(),
          tokenExpiresAt,
        },
      }),
      prisma.ceremonyNonce.create({ data: { id: nonceId, purpose: 'PASSKEY_LOGIN', value: 'v', channel: 'WEB', createdAt, expiresAt } }),
      prisma.session.create({ data: { id: sessionId, userId: 'u', channel: 'WEB', authLevel: 1, createdAt, expiresAt } }),
      prisma.refreshToken.create({ data: { tokenHash, sessionId, createdAt, expiresAt } }),
    ]);
    return { ...ids, session: sessionId, nonce: nonceId, refreshToken: tokenHash };
  }

  async function remaining(ids: Awaited<ReturnType<typeof rowsExpiringAt>>) {
    const [smsCode, pendingLogin, registration, challenge, nonce, session, refreshToken] = await Promise.all([
      prisma.smsCode.count({ where: { id: ids.smsCode } }),
      prisma.pendingLogin.count({ where: { id: ids.pendingLogin } }),
      prisma.registration.count({ where: { id: ids.registration } }),
      prisma.challenge.count({ where: { id: ids.challenge } }),
      prisma.ceremonyNonce.count({ where: { id: ids.nonce } }),
      prisma.session.count({ where: { id: ids.session } }),
      prisma.refreshToken.count({ where: { tokenHash: ids.refreshToken } }),
    ]);
    return smsCode + pendingLogin + registration + challenge + nonce + session + refreshToken;
  }

  it('deletes rows past use for the grace period, keeps younger ones and lingering challenge tokens', async () => {
    const now = clock.now().getTime();
    const old = await rowsExpiringAt(new Date(now - EXPIRED_ROW_GRACE_MS - DAY));
    const recent = await rowsExpiringAt(new Date(now - EXPIRED_ROW_GRACE_MS + DAY));
    const live = await rowsExpiringAt(new Date(now + DAY));
    // The challenge ended long ago but its token is still within the grace period.
    const tokenLingers = await rowsExpiringAt(new Date(now - EXPIRED_ROW_GRACE_MS - DAY), new Date(now - EXPIRED_ROW_GRACE_MS + DAY));

    expect(await sweepExpiredRows(prisma, clock)).toBe(7 + 6);
    expect(await remaining(old)).toBe(0);
    expect(await remaining(recent)).toBe(7);
    expect(await remaining(live)).toBe(7);
    expect(await remaining(tokenLingers)).toBe(1);
    expect(await prisma.challenge.count({ where: { id: tokenLingers.challenge } })).toBe(1);
    expect(await sweepExpiredRows(prisma, clock)).toBe(0);

    // Two days on, the recent rows and the lingering token have been past use long enough too.
    clock.advance(2 * DAY);
    expect(await sweepExpiredRows(prisma, clock)).toBe(7 + 1);
    expect(await remaining(recent)).toBe(0);
    expect(await remaining(tokenLingers)).toBe(0);
    expect(await remaining(live)).toBe(7);
  });

  it('deletes a large backlog in batches, one full batch per table and pass', async () => {
    const expiresAt = new Date(clock.now().getTime() - EXPIRED_ROW_GRACE_MS - DAY);
    await prisma.ceremonyNonce.createMany({
      data: Array.from({ length: 1_500 }, () => ({
        id: randomUUID(),
        purpose: 'PASSKEY_LOGIN',
        value: 'v',
        channel: 'WEB',
        createdAt: expiresAt,
        expiresAt,
      })),
    });
    expect(await sweepExpiredRows(prisma, clock)).toBe(1_000);
    expect(await sweepExpiredRows(prisma, clock)).toBe(500);
    expect(await prisma.ceremonyNonce.count()).toBe(1);
  });
});
