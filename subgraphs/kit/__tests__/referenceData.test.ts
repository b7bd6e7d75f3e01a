import { ManualClock } from '../../../platform/clock';
import { createTestDatabase, createUnseededTestDatabase, TestDatabase } from '../../../test/support/databases';
import { TEST_CLOCK_START } from '../../../test/support/names';
import { limitsCenter } from '../../limits/subgraph';
import { LIMIT_RULES } from '../../limits/seed';
import type { PrismaClient } from '../../limits/__generated__/prisma/client';
import { ensureReferenceData, referenceDataVersion } from '../database/referenceData';

/** Reference data is seeded once per version: a start is one SELECT, a newer version in the code re-seeds. */
const clock = new ManualClock(TEST_CLOCK_START);
const databases: TestDatabase[] = [];
const stores: PrismaClient[] = [];

afterAll(async () => {
  await Promise.all(stores.map((store) => store.$disconnect()));
  await Promise.all(databases.map((database) => database.drop()));
});

async function open(empty: boolean) {
  const database = empty ? await createUnseededTestDatabase('limits') : await createTestDatabase('limits');
  databases.push(database);
  const store = limitsCenter.openStore(database.url).client as PrismaClient;
  stores.push(store);
  return { url: database.url, store };
}

test('an empty database gets the reference data and its version, and a second start changes nothing', async () => {
  const { url, store } = await open(true);
  expect(await referenceDataVersion(url, 'limits')).toBe(0);
  expect(await ensureReferenceData(limitsCenter, store, url, clock)).toBe(true);
  expect(await store.limitRule.count()).toBe(LIMIT_RULES.length);
  expect(await store.signedAgreement.count()).toBe(0);
  expect(await referenceDataVersion(url, 'limits')).toBe(limitsCenter.referenceData!.version);
  expect(await ensureReferenceData(limitsCenter, store, url, clock)).toBe(false);
});

test('a newer version in the code re-seeds: rows are brought back to the code’s values', async () => {
  const { url, store } = await open(false);
  const current = limitsCenter.referenceData!.version;
  await store.limitRule.update({ where: { id: 'CLASS_II_DAILY' }, data: { amount: 1n } });
  expect(await ensureReferenceData(limitsCenter, store, url, clock)).toBe(false);
  expect((await store.limitRule.findUniqueOrThrow({ where: { id: 'CLASS_II_DAILY' } })).amount).toBe(1n);

  const newer = { ...limitsCenter, referenceData: { ...limitsCenter.referenceData!, version: current + 1 } };
  expect(await ensureReferenceData(newer, store, url, clock)).toBe(true);
  expect((await store.limitRule.findUniqueOrThrow({ where: { id: 'CLASS_II_DAILY' } })).amount).toBe(10_000_00n);
  expect(await referenceDataVersion(url, 'limits')).toBe(current + 1);
});
