/**
 * Spending points on the reward catalogue through the gateway, with the channels' trusted
 * documents: the catalogue, a redemption and its idempotent retry, the refusals, and concurrent
 * redemptions that would overdraw the points or the stock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { recordPointsEntry } from '../service/points';
import { REWARDS } from '../service/rewardCatalogue';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const document = (name: string) => readFileSync(join(__dirname, '../../../schema/operations', `${name}.graphql`), 'utf8');
const REWARDS_QUERY = document('Rewards');
const REDEEM = document('RedeemPoints');

const [coffee, iqiyi, , cup] = REWARDS as [(typeof REWARDS)[0], (typeof REWARDS)[0], unknown, (typeof REWARDS)[0]];

interface RewardView {
  id: string;
  title: string;
  pointsCost: number;
  stock: number | null;
  available: boolean;
}
interface Redemption {
  id: string;
  pointsSpent: number;
  balanceAfter: number;
  reward: RewardView;
}

describe('spending points on rewards', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;

  const catalogue = async (token: string) =>
    (await platform.query<{ rewards: RewardView[]; me: { points: { balance: number } | null } }>(REWARDS_QUERY, { token })).body.data!;
  const redeem = (token: string, rewardId: string, idempotencyKey: string) =>
    platform.query<{ redeemPoints: Redemption }>(REDEEM, { token, variables: { rewardId, idempotencyKey } });
  const ledgerOf = async (customerId: string) => {
    const store = platform.store('marketing');
    const entries = await store.pointsEntry.findMany({ where: { customerId } });
    const account = await store.pointsAccount.findUniqueOrThrow({ where: { customerId } });
    return { balance: account.balance, sum: entries.reduce((total, entry) => total + entry.delta, 0) };
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'marketing'] });
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
  });
  afterAll(() => platform?.stop());

  it('lists the seeded catalogue in order with the customer’s balance', async () => {
    const { rewards, me } = await catalogue(liToken);
    expect(rewards.map((reward) => reward.title)).toEqual(REWARDS.map((reward) => reward.title));
    expect(rewards[0]).toMatchObject({ id: coffee.id, title: '星巴克中杯饮品券', pointsCost: 300, stock: null, available: true });
    expect(rewards[3]).toMatchObject({ id: cup.id, stock: 100, available: true });
    expect(me.points!.balance).toBe(660);
  });

  it('redeems once per key, answers a retry with the same redemption, and refuses what cannot be paid', async () => {
    const key = 'redeem-li-coffee-1';
    const first = await redeem(liToken, coffee.id, key);
    expect(first.body.errors).toBeUndefined();
    const redemption = first.body.data!.redeemPoints;
    expect(redemption).toMatchObject({ pointsSpent: 300, balanceAfter: 360, reward: { id: coffee.id, title: '星巴克中杯饮品券' } });
    const retry = await redeem(liToken, coffee.id, key);
    expect(retry.body.data!.redeemPoints).toEqual(redemption);
    expect((await catalogue(liToken)).me.points!.balance).toBe(360);

    const conflict = await redeem(liToken, iqiyi.id, key);
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'idempotencyKey' });
    const poor = await redeem(liToken, iqiyi.id, 'redeem-li-iqiyi-1');
    expect(poor.body.errors?.[0]?.extensions).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      field: 'rewardId',
      required: 500,
      balance: 360,
    });
    expect(poor.body.errors?.[0]?.message).toContain('积分不足');
    const unknown = await redeem(liToken, 'e0a80001-0000-4000-8000-000000000499', 'redeem-li-none-1');
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'rewardId' });
    const badKey = await redeem(liToken, coffee.id, 'short');
    expect(badKey.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    // Nothing the refusals did shows in the ledger; one redemption row, one entry.
    expect(await ledgerOf(li.id)).toEqual({ balance: 360, sum: 360 });
    expect(await platform.store('marketing').rewardRedemption.count({ where: { customerId: li.id } })).toBe(1);
  });

  it('twelve concurrent redemptions of 300 from 1,280 points: exactly four succeed, never below zero', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => redeem(zhangToken, coffee.id, `redeem-zhang-burst-${index}`)),
    );
    const won = answers.filter((answer) => answer.body.data?.redeemPoints);
    expect(won).toHaveLength(4);
    for (const lost of answers.filter((answer) => !answer.body.data?.redeemPoints))
      expect(lost.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_POINTS');
    expect(won.map((answer) => answer.body.data!.redeemPoints.balanceAfter).sort((a, b) => a - b)).toEqual([80, 380, 680, 980]);
    expect(await ledgerOf(zhang.id)).toEqual({ balance: 80, sum: 80 });
    expect(await platform.store('marketing').rewardRedemption.count({ where: { customerId: zhang.id } })).toBe(4);
  });

  it('concurrent retries of one key make one redemption, all answered with it', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => redeem(liToken, coffee.id, 'redeem-li-coffee-2')));
    const ids = new Set(answers.map((answer) => answer.body.data?.redeemPoints.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
    expect(await ledgerOf(li.id)).toEqual({ balance: 60, sum: 60 });
  });

  it('the last unit of a reward goes to one customer; the other keeps their points (REWARD_OUT_OF_STOCK)', async () => {
    const store = platform.store('marketing');
    await store.reward.update({ where: { id: cup.id }, data: { stock: 1 } });
    for (const customer of [zhang, li])
      await recordPointsEntry(store, {
        customerId: customer.id,
        delta: 3000,
        reason: 'TEST',
        reference: `stock-test-${customer.id}`,
        at: new Date(),
      });
    const [zhangAnswer, liAnswer] = await Promise.all([
      redeem(zhangToken, cup.id, 'redeem-zhang-cup-1'),
      redeem(liToken, cup.id, 'redeem-li-cup-1'),
    ]);
    const answers = [zhangAnswer, liAnswer];
    expect(answers.filter((answer) => answer.body.data?.redeemPoints)).toHaveLength(1);
    const lost = answers.find((answer) => !answer.body.data?.redeemPoints)!;
    expect(lost.body.errors?.[0]?.extensions).toMatchObject({ code: 'REWARD_OUT_OF_STOCK', field: 'rewardId' });
    // One cup's 2,000 points left the two balances, no more; each balance is still its ledger's sum.
    const [zhangLedger, liLedger] = [await ledgerOf(zhang.id), await ledgerOf(li.id)];
    expect(zhangLedger.balance + liLedger.balance).toBe(80 + 60 + 6000 - 2000);
    expect([zhangLedger.balance - zhangLedger.sum, liLedger.balance - liLedger.sum]).toEqual([0, 0]);
    expect((await catalogue(liToken)).rewards.find((reward) => reward.id === cup.id)).toMatchObject({ stock: 0, available: false });
  });
});
