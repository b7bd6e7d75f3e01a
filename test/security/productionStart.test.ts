/**
 * A production start: no development feature and no demo data, only the reference data the bank
 * runs on. The demo customers' public password opens nothing, ad-hoc documents are refused, the
 * SMS outbox is closed — and a customer created the way operations would can still move money
 * under the bank's limit rules and GL accounts.
 */
import { buildTrustedDocumentManifest } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { LEDGER_ACCOUNTS } from '../../subgraphs/account/seed';
import { postJournalEntry } from '../../subgraphs/account/service/ledger';
import { LIMIT_RULES } from '../../subgraphs/limits/seed';
import { CREDIT_RULE_SETS } from '../../subgraphs/limits/seedCredit';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../../platform/identity/identity';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { CREATE_TRANSFER, TransferAnswer, newKey } from '../money/helpers';

const zhang = DEMO_CUSTOMERS[0]!;
const manifest = buildTrustedDocumentManifest();
const loginId = [...manifest.get('MOBILE_APP')!.values()].find((document) => document.operationName === 'Login')!.id;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    production: true,
    demoData: false,
    centers: ['auth', 'user', 'account', 'finance', 'limits'],
    // The gateway's own default (the harness otherwise lets suites send ad-hoc documents).
    gateway: { trustedDocuments: undefined },
  });
});
afterAll(() => platform.stop());

async function post(body: unknown) {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

test("the demo customer's public password signs nobody in: there is no demo data", async () => {
  const { body } = await post({
    documentId: loginId,
    variables: { input: { mobile: zhang.mobile, password: DEMO_PASSWORD, device: { deviceId: zhang.deviceId, platform: 'ANDROID' } } },
  });
  expect(body.data ?? null).toBeNull();
  expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  expect(await platform.store('auth').credential.count()).toBe(0);
  expect(await platform.store('auth').staffUser.count()).toBe(0);
  expect(await platform.store('user').customer.count()).toBe(0);
});

test('an ad-hoc document sent by POST is refused', async () => {
  const { status, body } = await post({ query: '{ me { name accounts { number balance { amount } } } }' });
  expect(status).toBe(400);
  expect(['PERSISTED_QUERY_NOT_FOUND', 'OPERATION_NOT_ALLOWED']).toContain(body.errors?.[0]?.extensions?.code);
});

test('the development SMS outbox does not exist: the auth center refuses it too', async () => {
  const { body } = await platform.callCenter('auth', '{ developmentSmsOutbox(mobile: "13800000001") { text } }', { as: 'anonymous' });
  expect(body.data?.developmentSmsOutbox ?? null).toBeNull();
  expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

test('the reference data is there without demo data', async () => {
  expect(await platform.store('limits').limitRule.count()).toBe(LIMIT_RULES.length);
  expect(await platform.store('limits').creditRuleSet.count()).toBe(CREDIT_RULE_SETS.length);
  expect(await platform.store('limits').agreementTemplate.count()).toBeGreaterThan(0);
  expect(await platform.store('account').account.count({ where: { kind: 'GENERAL_LEDGER' } })).toBe(LEDGER_ACCOUNTS.length);
  expect(await platform.store('account').account.count({ where: { kind: 'CUSTOMER' } })).toBe(0);
});

test('a customer opened after a production start moves money under the bank’s rules', async () => {
  const account = platform.store('account');
  const customerId = 'c1a80001-0000-4000-8000-00000000a001';
  const main = { id: 'a1a80001-0000-4000-8000-00000000a011', number: '6230580000000900011' };
  const second = { id: 'a1a80001-0000-4000-8000-00000000a012', number: '6230580000000900012' };
  const opened = new Date(platform.clock.now().getTime() - 86_400_000);
  await account.account.createMany({
    data: [
      { id: main.id, kind: 'CUSTOMER', ownerId: customerId, number: main.number, holderName: '赵一', accountClass: 'I', openedAt: opened },
      {
        id: second.id,
        kind: 'CUSTOMER',
        ownerId: customerId,
        number: second.number,
        holderName: '赵一',
        accountClass: 'II',
        boundAccountId: main.id,
        openedAt: opened,
      },
    ],
  });
  await postJournalEntry(account, {
    orderId: 'ops-opening-a011',
    kind: 'CASH_DEPOSIT',
    memo: '开户存入',
    channel: 'WEB',
    postedAt: opened,
    legs: [
      { accountId: main.id, amount: 50_000_00n },
      { accountId: 'gl-cash', amount: -50_000_00n },
    ],
  });
  // The phone the customer bound at the counter: money moves only from a trusted device.
  await platform.store('auth').device.create({
    data: {
      id: 'd-a001',
      userId: customerId,
      deviceId: 'phone-a001',
      name: '手机',
      platform: 'ANDROID',
      trusted: true,
      firstSeenAt: opened,
      lastSeenAt: opened,
    },
  });
  const transfer = async (to: { number: string }, amount: string, channel: 'MOBILE_APP' | 'WECHAT_MINI' = 'MOBILE_APP') => {
    const response = await fetch(platform.centers.finance!.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_IDENTITY_HEADER]: await signGatewayIdentity(
          { channel, userId: customerId, deviceId: 'phone-a001', authLevel: 1 },
          { audience: 'finance', clock: platform.clock },
        ),
      },
      body: JSON.stringify({
        query: CREATE_TRANSFER,
        variables: {
          input: { fromAccountId: main.id, toAccountNumber: to.number, toName: '赵一', amount, idempotencyKey: newKey('prod') },
        },
      }),
    });
    return (await response.json()) as { data?: { createTransfer: TransferAnswer }; errors?: unknown[] };
  };

  const moved = await transfer(second, '1000.00');
  expect(moved.errors).toBeUndefined();
  expect(moved.data?.createTransfer).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });
  const balanceOf = async (id: string) => (await account.account.findUniqueOrThrow({ where: { id } })).balance;
  expect([await balanceOf(main.id), await balanceOf(second.id)]).toEqual([49_000_00n, 1_000_00n]);

  // The bank's channel rules hold: a mini-program transfer is at most 5,000.00.
  const over = await transfer(second, '5000.01', 'WECHAT_MINI');
  expect(over.data?.createTransfer).toMatchObject({ __typename: 'TransferRejected' });
  expect([await balanceOf(main.id), await balanceOf(second.id)]).toEqual([49_000_00n, 1_000_00n]);
});
