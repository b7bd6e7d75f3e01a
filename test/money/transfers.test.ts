/**
 * Transfers through the gateway as a customer would make them: same-bank and own-account
 * transfers post at once, the holder name must match, bad input writes nothing, replays never pay twice.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../../subgraphs/kit/testing/platform';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [zhangI, zhangII, zhangIII] = zhang.accounts as [DemoCustomer['accounts'][0], DemoCustomer['accounts'][0], DemoCustomer['accounts'][0]];
const liI = li.accounts[0]!;

describe('transfers', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;

  const transfer = async (input: Record<string, unknown>, token = zhangToken) => {
    const response = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, { token, variables: { input: { idempotencyKey: newKey(), ...input } } });
    return response.body;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('sends 100.00 from 张晓明 to 李秀英: both balances move, one balanced entry, a receipt', async () => {
    const before = { zhang: await balances(platform, zhangToken), li: await balances(platform, liToken) };
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '100.00', memo: '午饭' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');
    expect(body.data!.createTransfer.order!.status).toBe('COMPLETED');
    const after = { zhang: await balances(platform, zhangToken), li: await balances(platform, liToken) };
    expect(Number(before.zhang[zhangI.id]) - Number(after.zhang[zhangI.id])).toBeCloseTo(100, 2);
    expect(Number(after.li[liI.id]) - Number(before.li[liI.id])).toBeCloseTo(100, 2);
    const receipt = await platform.query<{ transferReceipt: { amount: { amount: string }; payeeName: string; payeeAccount: string; status: string } }>(
      'query($id: ID!) { transferReceipt(orderId: $id) { amount { amount } payeeName payeeAccount status digest } }',
      { token: zhangToken, variables: { id: body.data!.createTransfer.order!.id } },
    );
    expect(receipt.body.data!.transferReceipt).toMatchObject({ amount: { amount: '100.00' }, payeeName: '李*英', status: 'COMPLETED' });
    // Another customer cannot read it.
    const foreign = await platform.query('query($id: ID!) { transferReceipt(orderId: $id) { digest } }', { token: liToken, variables: { id: body.data!.createTransfer.order!.id } });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ledgerAudit(platform)).toEqual({ sumOfAllBalances: '0.00', unbalancedEntries: 0, overdrawnCustomerAccounts: 0, duplicatePostings: 0 });
  });

  it('refuses a wrong holder name with PAYEE_NAME_MISMATCH and moves nothing', async () => {
    const before = await balances(platform, zhangToken);
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: '王小二', amount: '10.00' });
    expect(body.data!.createTransfer).toMatchObject({ __typename: 'TransferRejected', code: 'PAYEE_NAME_MISMATCH' });
    expect(await balances(platform, zhangToken)).toEqual(before);
  });

  it('moves money between the customer\'s own accounts at once', async () => {
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: zhangII.number, toName: zhang.name, amount: '50.00' });
    expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');
  });

  it('keeps the class III balance cap (2,000.00): a credit above it is rejected', async () => {
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: zhangIII.number, toName: zhang.name, amount: '1600.00' });
    expect(body.data!.createTransfer).toMatchObject({ __typename: 'TransferRejected', code: 'BALANCE_CAP_EXCEEDED' });
  });

  it('refuses bad input with a clear code and the field, writing nothing', async () => {
    const ordersBefore = (await platform.query<{ me: { orders: { edges: unknown[] } } }>('{ me { orders(first: 100) { edges { cursor } } } }', { token: zhangToken })).body.data!.me.orders.edges.length;
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ amount: '0.00' }, 'BAD_USER_INPUT', 'input.amount'],
      [{ amount: '1.234' }, 'BAD_USER_INPUT', 'input.amount'],
      [{ amount: '99999999999.00' }, 'BAD_USER_INPUT', 'input.amount'],
      [{ toAccountNumber: zhangI.number, toName: zhang.name }, 'BAD_USER_INPUT', 'input.toAccountNumber'],
      [{ fromAccountId: liI.id }, 'FORBIDDEN', undefined],
      [{ idempotencyKey: 'x' }, 'BAD_USER_INPUT', 'input.idempotencyKey'],
    ];
    for (const [override, code, field] of cases) {
      const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '1.00', ...override });
      expect({ override, code: body.errors?.[0]?.extensions?.code, field: body.errors?.[0]?.extensions?.field }).toEqual({ override, code, field });
    }
    // A negative amount and a wrong currency do not even parse.
    for (const override of [{ amount: '-5.00' }, { currency: 'USD' }]) {
      const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '1.00', ...override });
      expect(body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    }
    const ordersAfter = (await platform.query<{ me: { orders: { edges: unknown[] } } }>('{ me { orders(first: 100) { edges { cursor } } } }', { token: zhangToken })).body.data!.me.orders.edges.length;
    expect(ordersAfter).toBe(ordersBefore);
  });

  it('replays a key with the first result, refuses a changed request, and makes one order of concurrent duplicates', async () => {
    const key = newKey('replay');
    const input = { fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '7.00', idempotencyKey: key };
    const before = await balances(platform, liToken);
    const answers = await Promise.all(Array.from({ length: 10 }, () => transfer(input)));
    const ids = new Set(answers.map((answer) => answer.data!.createTransfer.order!.id));
    expect(ids.size).toBe(1);
    const replay = await transfer(input);
    expect(replay.data!.createTransfer).toMatchObject({ __typename: 'TransferCompleted', order: { id: [...ids][0] } });
    const after = await balances(platform, liToken);
    expect(Number(after[liI.id]) - Number(before[liI.id])).toBeCloseTo(7, 2);
    const conflict = await transfer({ ...input, amount: '8.00' });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('asks for a step-up on 60,000.00 and holds the money until confirmed; a bad token does not complete it', async () => {
    const before = await balances(platform, zhangToken);
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '60000.00' }, zhangToken);
    const answer = body.data!.createTransfer;
    expect(answer).toMatchObject({ __typename: 'TransferChallengeRequired', order: { status: 'CHALLENGE_REQUIRED' } });
    expect(answer.methods!.length).toBeGreaterThan(0);
    expect(await balances(platform, zhangToken)).toEqual(before);
    const confirm = await platform.query<{ confirmTransfer: TransferAnswer }>(
      'mutation($o: ID!, $t: String!) { confirmTransfer(orderId: $o, challengeToken: $t) { __typename ... on TransferRejected { code } } }',
      { token: zhangToken, variables: { o: answer.order!.id, t: 'not-a-real-token' } },
    );
    expect(confirm.body.data?.confirmTransfer ?? confirm.body.errors?.[0]?.extensions).toMatchObject(
      confirm.body.data ? { __typename: 'TransferRejected', code: 'CHALLENGE_FAILED' } : {},
    );
    expect(await balances(platform, zhangToken)).toEqual(before);
  });
});
