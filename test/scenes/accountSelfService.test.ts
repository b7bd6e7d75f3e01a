/**
 * Account self-service through the gateway with the channels' own documents: the full account number after a
 * REVEAL_ACCOUNT_NUMBER step-up bound to the account (used once), the owner's loss report (挂失) that stops money both
 * ways at once, lifting it after an UNFREEZE_ACCOUNT step-up, and a bank's freeze the owner cannot lift.
 */
import { generateSync } from 'otplib';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { ChannelName } from '../../platform/identity/identity';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { latestSmsCode } from '../identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey } from '../money/helpers';
import { startTestPlatform, TestPlatform } from '../support/platform';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [classI, classII, classIII] = zhang.accounts as [
  DemoCustomer['accounts'][number],
  DemoCustomer['accounts'][number],
  DemoCustomer['accounts'][number],
];
const APP: ChannelName = 'MOBILE_APP';

let platform: TestPlatform;
let zhangToken: string;
let liToken: string;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  zhangToken = await platform.login(zhang.mobile, APP);
  liToken = await platform.login(li.mobile, APP);
});
afterAll(() => platform.stop());

type Body = { errors?: { extensions?: Record<string, unknown> }[] };
const refusal = (body: Body) => body.errors?.[0]?.extensions;

interface AccountView {
  id: string;
  maskedNumber: string;
  status: string;
  freezeReason: string | null;
}

const run = <Data>(operation: string, variables: Record<string, unknown>, token = zhangToken) =>
  platform.query<Data>(readOperationDocument(APP, operation), { token, channel: APP, variables });

const reveal = (accountId: string, challengeToken: string, token?: string) =>
  run<{ revealAccountNumber: string }>('RevealAccountNumber', { accountId, challengeToken }, token);
const reportLoss = (accountId: string, token?: string) =>
  run<{ reportAccountLoss: AccountView }>('ReportAccountLoss', { accountId }, token);
const unfreeze = (accountId: string, challengeToken: string) =>
  run<{ unfreezeAccount: AccountView }>('UnfreezeAccount', { accountId, challengeToken });

/** startChallenge and verifyChallenge with the SMS code, as the app does; one SMS a minute per customer. */
async function passChallenge(purpose: string, accountId: string): Promise<string> {
  platform.clock.advance(61_000);
  const started = await run<{ startChallenge: { id: string; method: string } }>('StartChallenge', { purpose, context: { accountId } });
  expect(started.body.errors).toBeUndefined();
  expect(started.body.data!.startChallenge.method).toBe('SMS');
  const verified = await run<{ verifyChallenge: { token: string } }>('VerifyChallenge', {
    id: started.body.data!.startChallenge.id,
    proof: { code: await latestSmsCode(platform, zhang.mobile) },
  });
  expect(verified.body.errors).toBeUndefined();
  return verified.body.data!.verifyChallenge.token;
}

async function transfer(token: string, fromAccountId: string, to: { number: string; name: string }, amount = '100.00') {
  const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
    token,
    channel: APP,
    variables: { input: { idempotencyKey: newKey('self-service'), fromAccountId, toAccountNumber: to.number, toName: to.name, amount } },
  });
  return body;
}

const historyLength = async (accountId: string) => {
  const { body } = await platform.query<{ account: { transactions: { edges: unknown[] } } }>(
    'query($id: ID!) { account(id: $id) { transactions(first: 50) { edges { cursor } } } }',
    { token: zhangToken, channel: APP, variables: { id: accountId } },
  );
  return body.data!.account.transactions.edges.length;
};

describe('the full account number', () => {
  it('is shown to its owner only with a token passed for that account, once', async () => {
    const listed = await platform.query<{ accounts: { id: string; maskedNumber: string }[] }>('{ accounts { id maskedNumber } }', {
      token: zhangToken,
      channel: APP,
    });
    expect(listed.body.data!.accounts.find((account) => account.id === classII.id)!.maskedNumber).not.toContain(classII.number);

    expect(refusal((await reveal(classII.id, 'ct_not-a-token')).body)).toMatchObject({ code: 'CHALLENGE_FAILED', field: 'challengeToken' });

    const token = await passChallenge('REVEAL_ACCOUNT_NUMBER', classII.id);
    // Bound to the account: the token is refused for the customer's other account, and not spent by that refusal.
    expect(refusal((await reveal(classI.id, token)).body)).toMatchObject({ code: 'CHALLENGE_FAILED' });
    const revealed = await reveal(classII.id, token);
    expect(revealed.body.errors).toBeUndefined();
    expect(revealed.body.data).toEqual({ revealAccountNumber: classII.number });
    expect(refusal((await reveal(classII.id, token)).body)).toMatchObject({ code: 'CHALLENGE_FAILED' }); // used
  });

  it("is NOT_FOUND for another customer's account as for an unknown one, and refused to staff", async () => {
    expect(refusal((await reveal(li.accounts[0]!.id, 'ct_whatever')).body)).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal((await reveal('a0a80001-0000-4000-8000-00000000ffff', 'ct_whatever')).body)).toMatchObject({ code: 'NOT_FOUND' });

    const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
    const staff = await platform.query<{ staffLogin: { accessToken: string } }>(
      'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
      { channel: 'OPS', variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } } },
    );
    const opsToken = staff.body.data!.staffLogin.accessToken;
    for (const document of [
      'mutation { revealAccountNumber(accountId: "a0a80001-0000-4000-8000-000000000011", challengeToken: "ct_x") }',
      'mutation { reportAccountLoss(accountId: "a0a80001-0000-4000-8000-000000000011") { id } }',
    ]) {
      const { body } = await platform.query(document, { token: opsToken, channel: 'OPS' });
      expect(refusal(body)).toMatchObject({ code: 'FORBIDDEN' });
      // Nor a center acting for the customer: only the customer, on a customer channel.
      const service = await platform.callCenter('account', document, { as: { service: 'finance', actingFor: zhang.id, scopes: [] } });
      expect(refusal(service.body)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('loss report and unfreezing', () => {
  it('freezes at once; a frozen account neither pays nor receives; the owner lifts it after a step-up', async () => {
    const before = await balances(platform, zhangToken);
    const postingsBefore = await historyLength(classI.id);

    const reported = await reportLoss(classI.id);
    expect(reported.body.errors).toBeUndefined();
    expect(reported.body.data!.reportAccountLoss).toMatchObject({ id: classI.id, status: 'FROZEN', freezeReason: 'LOSS_REPORT' });
    // Idempotent: reporting again answers the account unchanged.
    expect((await reportLoss(classI.id)).body.data!.reportAccountLoss).toMatchObject({ status: 'FROZEN', freezeReason: 'LOSS_REPORT' });
    // Another customer's account: the same answer as an unknown one, nothing frozen.
    expect(refusal((await reportLoss(li.accounts[0]!.id)).body)).toMatchObject({ code: 'NOT_FOUND' });

    const out = await transfer(zhangToken, classI.id, { number: li.accounts[0]!.number, name: li.name });
    expect(refusal(out)).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', field: 'input.fromAccountId' });
    const into = await transfer(liToken, li.accounts[0]!.id, { number: classI.number, name: zhang.name });
    expect(refusal(into)).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', field: 'input.toAccountNumber' });
    // Nor from the bound class II account into it (an own transfer).
    const own = await transfer(zhangToken, classII.id, { number: classI.number, name: zhang.name });
    expect(refusal(own)).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', field: 'input.toAccountNumber' });
    // The ledger itself moves nothing on it either (an order accepted before the freeze, posted after).
    const posted = await platform.callCenter('account', POST_ENTRY, {
      variables: { input: { orderId: newKey('frozen-order'), kind: 'TRANSFER', legs: legs(classI.id, li.accounts[0]!.id) } },
      as: { service: 'finance', actingFor: zhang.id, scopes: ['account:ledger:post'] },
    });
    expect(refusal(posted.body)).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE' });
    expect(await balances(platform, zhangToken)).toEqual(before);
    expect(await historyLength(classI.id)).toBe(postingsBefore);
    expect((await ledgerAudit(platform)).unbalancedEntries).toBe(0);

    // Unfreezing needs the step-up for this account and purpose.
    expect(refusal((await unfreeze(classI.id, 'ct_not-a-token')).body)).toMatchObject({ code: 'CHALLENGE_FAILED' });
    const revealToken = await passChallenge('REVEAL_ACCOUNT_NUMBER', classI.id);
    expect(refusal((await unfreeze(classI.id, revealToken)).body)).toMatchObject({ code: 'CHALLENGE_FAILED' });
    const token = await passChallenge('UNFREEZE_ACCOUNT', classI.id);
    const lifted = await unfreeze(classI.id, token);
    expect(lifted.body.errors).toBeUndefined();
    expect(lifted.body.data!.unfreezeAccount).toMatchObject({ id: classI.id, status: 'ACTIVE', freezeReason: null });
    // A retry after the answer was lost: the account is ACTIVE, answered unchanged (the spent token is not asked for).
    expect((await unfreeze(classI.id, token)).body.data!.unfreezeAccount).toMatchObject({ status: 'ACTIVE' });

    const after = await transfer(zhangToken, classI.id, { number: li.accounts[0]!.number, name: li.name });
    expect(after.data!.createTransfer).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });
    expect((await balances(platform, zhangToken))[classI.id]).toBe((Number(before[classI.id]) - 100).toFixed(2));
  });

  it("a bank's freeze stays: the owner cannot lift it, and a loss report answers it unchanged", async () => {
    await platform.store('account').account.update({ where: { id: classIII.id }, data: { status: 'FROZEN', freezeReason: 'BANK_ORDER' } });
    const refused = await unfreeze(classIII.id, 'ct_any');
    expect(refusal(refused.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'BANK_FREEZE', field: 'accountId' });
    expect((await reportLoss(classIII.id)).body.data!.reportAccountLoss).toMatchObject({ status: 'FROZEN', freezeReason: 'BANK_ORDER' });

    // An account frozen before reasons were kept counts as the bank's.
    await platform.store('account').account.update({ where: { id: classIII.id }, data: { freezeReason: null } });
    expect((await reportLoss(classIII.id)).body.data!.reportAccountLoss).toMatchObject({ status: 'FROZEN', freezeReason: 'BANK_ORDER' });
    expect(refusal((await unfreeze(classIII.id, 'ct_any')).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'BANK_FREEZE' });
    const row = await platform.store('account').account.findUniqueOrThrow({ where: { id: classIII.id } });
    expect(row.status).toBe('FROZEN');
  });
});

const POST_ENTRY = 'mutation($input: LedgerEntryInput!) { postLedgerEntry(input: $input) { entryId created } }';
const legs = (from: string, to: string) => [
  { accountId: from, direction: 'DEBIT', amount: '1.00' },
  { accountId: to, direction: 'CREDIT', amount: '1.00' },
];
