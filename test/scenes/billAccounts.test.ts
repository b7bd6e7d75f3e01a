/**
 * Saved bill accounts and bill inquiry, through the channels' trusted documents: `bills` answers
 * only for a number the customer saved or paid before (another household's bills are FORBIDDEN),
 * with the holder's name masked; at most 20 saved and 5 new a day per customer (removing does not
 * give back the day's allowance); save, rename, remove and list.
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { ChannelName } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { newKey } from '../money/helpers';
import { startTestPlatform, TestPlatform } from '../support/platform';

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const ELECTRICITY = 'biller-electricity-zj';
const LI_NUMBER = '3307020002';
const DAY_MS = 24 * 60 * 60 * 1000;

interface Account {
  customerNumber: string;
  alias: string | null;
  biller: { id: string };
}

describe('saved bill accounts', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits', 'life', 'marketing'] });
  });
  afterAll(() => platform?.stop());

  // Signed-in sessions by mobile and channel; a day later they have expired, so they are dropped.
  const sessions = new Map<string, string>();
  const tokenOf = async (mobile: string, channel: ChannelName) => {
    const key = `${mobile}/${channel}`;
    if (!sessions.has(key)) sessions.set(key, await platform.login(mobile, channel));
    return sessions.get(key)!;
  };
  const nextDay = () => {
    platform.clock.advance(DAY_MS);
    sessions.clear();
  };
  const run = async <Data>(
    mobile: string,
    operation: string,
    variables: Record<string, unknown> = {},
    channel: ChannelName = 'MOBILE_APP',
  ) => platform.query<Data>(readOperationDocument(channel, operation), { token: await tokenOf(mobile, channel), channel, variables });

  const bills = (mobile: string, customerNumber: string, billerId = ELECTRICITY, channel: ChannelName = 'MOBILE_APP') =>
    run<{ bills: { id: string; status: string; holderName: string | null }[] }>(mobile, 'Bills', { billerId, customerNumber }, channel);
  const save = (mobile: string, customerNumber: string, alias?: string, channel: ChannelName = 'MOBILE_APP') =>
    run<{ saveBillAccount: Account }>(mobile, 'SaveBillAccount', { input: { billerId: ELECTRICITY, customerNumber, alias } }, channel);
  const list = async (mobile: string) => (await run<{ billAccounts: Account[] }>(mobile, 'BillAccounts')).body.data!.billAccounts;

  it("another household's bills are refused; a saved number's bills come with the holder masked", async () => {
    const foreign = await bills(zhang.mobile, LI_NUMBER);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(foreign.body.data?.bills ?? null).toBeNull();

    const own = await bills(li.mobile, LI_NUMBER, ELECTRICITY, 'WEB');
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.bills).toEqual(
      [{ id: 'bill-electricity-3307020002-202611', status: 'UNPAID', holderName: '李*英' }].map((bill) => expect.objectContaining(bill)),
    );
  });

  it('save, rename, list and remove: a removed number is refused again, a paid one stays answerable', async () => {
    const saved = await save(zhang.mobile, LI_NUMBER, '妈妈家电费');
    expect(saved.body.errors).toBeUndefined();
    expect(saved.body.data!.saveBillAccount).toMatchObject({ customerNumber: LI_NUMBER, alias: '妈妈家电费', biller: { id: ELECTRICITY } });
    expect((await bills(zhang.mobile, LI_NUMBER)).body.data!.bills[0]).toMatchObject({ holderName: '李*英' });

    const renamed = await run<{ renameBillAccount: Account }>(zhang.mobile, 'RenameBillAccount', {
      input: { billerId: ELECTRICITY, customerNumber: LI_NUMBER, alias: '岳母家' },
    });
    expect(renamed.body.data!.renameBillAccount).toMatchObject({ alias: '岳母家' });
    expect((await list(zhang.mobile)).find((account) => account.customerNumber === LI_NUMBER)).toMatchObject({ alias: '岳母家' });

    // Paid once while saved: after removal the number is still the customer's to inquire.
    const token = await tokenOf(zhang.mobile, 'MOBILE_APP');
    const paid = await platform.query<{ payBill: { status: string } }>(readOperationDocument('MOBILE_APP', 'PayBill'), {
      token,
      variables: {
        input: { billId: 'bill-electricity-3307020002-202611', sourceAccountId: zhang.accounts[0]!.id, idempotencyKey: newKey('bill') },
      },
    });
    expect(paid.body.data?.payBill).toMatchObject({ status: 'COMPLETED' });

    const removed = await run<{ removeBillAccount: boolean }>(zhang.mobile, 'RemoveBillAccount', {
      billerId: ELECTRICITY,
      customerNumber: LI_NUMBER,
    });
    expect(removed.body.data).toEqual({ removeBillAccount: true });
    expect((await list(zhang.mobile)).map((account) => account.customerNumber)).not.toContain(LI_NUMBER);
    expect((await bills(zhang.mobile, LI_NUMBER)).body.errors).toBeUndefined();

    // A saved number never paid is refused again once removed.
    await save(zhang.mobile, '3307029999');
    expect((await bills(zhang.mobile, '3307029999')).body.errors).toBeUndefined();
    await run(zhang.mobile, 'RemoveBillAccount', { billerId: ELECTRICITY, customerNumber: '3307029999' });
    expect((await bills(zhang.mobile, '3307029999')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Renaming what is not saved is NOT_FOUND; a number in the wrong format is refused before anything.
    const missing = await run(zhang.mobile, 'RenameBillAccount', {
      input: { billerId: ELECTRICITY, customerNumber: '3307029999', alias: 'x' },
    });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await save(zhang.mobile, '12')).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.customerNumber',
    });
  });

  it('at most 5 new a day (removing gives none back) and 20 saved per customer', async () => {
    // Today zhang already saved two new numbers above (one of them removed): three more, then refused.
    for (const n of ['3307021001', '3307021002', '3307021003']) expect((await save(zhang.mobile, n)).body.errors).toBeUndefined();
    const sixth = await save(zhang.mobile, '3307021004');
    expect(sixth.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_NEW_BILL_ACCOUNTS_TODAY' });
    // Saving one already saved is only a rename, and is not new.
    expect((await save(zhang.mobile, '3307021001', '新名字')).body.data!.saveBillAccount).toMatchObject({ alias: '新名字' });

    // Zhang has his 3 seeded numbers + 4 saved; fill up to 20 over the next days (5 a day).
    let next = 2000;
    while ((await list(zhang.mobile)).length < 20) {
      nextDay();
      for (let i = 0; i < 5 && (await list(zhang.mobile)).length < 20; i += 1) {
        const answer = await save(zhang.mobile, `330702${(next += 1)}`);
        expect(answer.body.errors).toBeUndefined();
      }
    }
    nextDay();
    const twentyFirst = await save(zhang.mobile, '3307029001');
    expect(twentyFirst.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_BILL_ACCOUNTS' });
    expect(await list(zhang.mobile)).toHaveLength(20);
  });

  it('concurrent saves cannot pass the daily limit', async () => {
    nextDay();
    // Li has one seeded number: five new ones a day, asked for ten at once.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => save(li.mobile, `33070230${String(i).padStart(2, '0')}`)));
    expect(answers.filter((answer) => !answer.body.errors).length).toBe(5);
    expect(await list(li.mobile)).toHaveLength(6);
  });
});
