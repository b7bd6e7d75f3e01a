/**
 * Transfers through the gateway as a customer would make them: same-bank and own-account
 * transfers post at once, the holder name must match, bad input writes nothing, replays never pay twice.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { encryptPin, latestSmsCode } from '../identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [zhangI, zhangII, zhangIII] = zhang.accounts as [
  DemoCustomer['accounts'][0],
  DemoCustomer['accounts'][0],
  DemoCustomer['accounts'][0],
];
const liI = li.accounts[0]!;

describe('transfers', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;

  const transfer = async (input: Record<string, unknown>, token = zhangToken) => {
    const response = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token,
      variables: { input: { idempotencyKey: newKey(), ...input } },
    });
    return response.body;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
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
    const receipt = await platform.query<{
      transferReceipt: { amount: { amount: string }; payeeName: string; payeeAccount: string; status: string };
    }>('query($id: ID!) { transferReceipt(orderId: $id) { amount { amount } payeeName payeeAccount status digest } }', {
      token: zhangToken,
      variables: { id: body.data!.createTransfer.order!.id },
    });
    expect(receipt.body.data!.transferReceipt).toMatchObject({ amount: { amount: '100.00' }, payeeName: '李*英', status: 'COMPLETED' });
    // Another customer cannot read it.
    const foreign = await platform.query('query($id: ID!) { transferReceipt(orderId: $id) { digest } }', {
      token: liToken,
      variables: { id: body.data!.createTransfer.order!.id },
    });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
  });

  it('refuses a wrong holder name with PAYEE_NAME_MISMATCH and moves nothing', async () => {
    const before = await balances(platform, zhangToken);
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: '王小二', amount: '10.00' });
    expect(body.data!.createTransfer).toMatchObject({ __typename: 'TransferRejected', code: 'PAYEE_NAME_MISMATCH' });
    expect(await balances(platform, zhangToken)).toEqual(before);
  });

  it("moves money between the customer's own accounts at once", async () => {
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: zhangII.number, toName: zhang.name, amount: '50.00' });
    expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');
  });

  it('keeps the class III balance cap (2,000.00): a credit above it is rejected', async () => {
    const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: zhangIII.number, toName: zhang.name, amount: '1600.00' });
    expect(body.data!.createTransfer).toMatchObject({ __typename: 'TransferRejected', code: 'BALANCE_CAP_EXCEEDED' });
  });

  it('refuses bad input with a clear code and the field, writing nothing', async () => {
    const ordersBefore = (
      await platform.query<{ me: { orders: { edges: unknown[] } } }>('{ me { orders(first: 100) { edges { cursor } } } }', {
        token: zhangToken,
      })
    ).body.data!.me.orders.edges.length;
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
      expect({ override, code: body.errors?.[0]?.extensions?.code, field: body.errors?.[0]?.extensions?.field }).toEqual({
        override,
        code,
        field,
      });
    }
    // A negative amount and a wrong currency do not even parse.
    for (const override of [{ amount: '-5.00' }, { currency: 'USD' }]) {
      const body = await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '1.00', ...override });
      expect(body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    }
    const ordersAfter = (
      await platform.query<{ me: { orders: { edges: unknown[] } } }>('{ me { orders(first: 100) { edges { cursor } } } }', {
        token: zhangToken,
      })
    ).body.data!.me.orders.edges.length;
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
  it('completes 60,000.00 once the customer proves it with the transaction PIN, and only once', async () => {
    const START =
      'mutation($purpose: ChallengePurpose!, $context: ChallengeContextInput) { startChallenge(purpose: $purpose, context: $context) { id method } }';
    const VERIFY = 'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';
    const CONFIRM =
      'mutation($o: ID!, $t: String!) { confirmTransfer(orderId: $o, challengeToken: $t) ' +
      '{ __typename ... on TransferCompleted { order { id status } } ... on TransferRejected { code reason } } }';
    // The PIN is set once, after an SMS check.
    const sms = await platform.query<{ startChallenge: { id: string } }>(START, { token: zhangToken, variables: { purpose: 'SET_PIN' } });
    const smsToken = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
      token: zhangToken,
      variables: { id: sms.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, zhang.mobile) } },
    });
    const pinSet = await platform.query(
      'mutation($pin: String!, $t: String!) { setTransactionPin(encryptedPin: $pin, challengeToken: $t) }',
      {
        token: zhangToken,
        variables: { pin: await encryptPin(platform, '258036'), t: smsToken.body.data!.verifyChallenge.token },
      },
    );
    expect(pinSet.body.data).toEqual({ setTransactionPin: true });

    const before = { zhang: await balances(platform, zhangToken), li: await balances(platform, liToken) };
    const asked = (await transfer({ fromAccountId: zhangI.id, toAccountNumber: liI.number, toName: li.name, amount: '60000.00' })).data!
      .createTransfer;
    expect(asked).toMatchObject({ __typename: 'TransferChallengeRequired', methods: expect.arrayContaining(['TRANSACTION_PIN']) });
    const challenge = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
      token: zhangToken,
      variables: { purpose: 'TRANSFER', context: { amount: '60000.00', sourceAccountId: zhangI.id, payeeAccountNumber: liI.number } },
    });
    expect(challenge.body.data!.startChallenge.method).toBe('TRANSACTION_PIN');
    const id = challenge.body.data!.startChallenge.id;
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
      token: zhangToken,
      variables: { id, proof: { encryptedPin: await encryptPin(platform, `258036:${id}`) } },
    });
    const challengeToken = verified.body.data!.verifyChallenge.token;
    const confirmed = await platform.query<{ confirmTransfer: TransferAnswer }>(CONFIRM, {
      token: zhangToken,
      variables: { o: asked.order!.id, t: challengeToken },
    });
    expect(confirmed.body).toMatchObject({
      data: { confirmTransfer: { __typename: 'TransferCompleted', order: { id: asked.order!.id, status: 'COMPLETED' } } },
    });
    const after = { zhang: await balances(platform, zhangToken), li: await balances(platform, liToken) };
    expect(BigInt(Math.round(Number(before.zhang[zhangI.id]) * 100)) - BigInt(Math.round(Number(after.zhang[zhangI.id]) * 100))).toBe(
      6_000_000n,
    );
    expect(BigInt(Math.round(Number(after.li[liI.id]) * 100)) - BigInt(Math.round(Number(before.li[liI.id]) * 100))).toBe(6_000_000n);

    // Confirming again answers the same completed order; nothing moves twice.
    const again = await platform.query<{ confirmTransfer: TransferAnswer }>(CONFIRM, {
      token: zhangToken,
      variables: { o: asked.order!.id, t: challengeToken },
    });
    expect(again.body.data?.confirmTransfer).toMatchObject({ __typename: 'TransferCompleted', order: { id: asked.order!.id } });
    expect(await balances(platform, zhangToken)).toEqual(after.zhang);
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
  });
});
