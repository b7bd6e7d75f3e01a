/**
 * Opening class II/III electronic accounts online through the gateway, with the channels' own documents.
 * The demo customers either hold their electronic accounts already (张晓明) or signed the agreement long ago
 * (李秀英), so each scenario takes a fresh customer: registered through the gateway and marked real-name
 * verified in the user center's store (test/support/electronicAccounts.ts: real verification needs the image
 * models). Other banks' cards are checked by the development stand-in of the clearing interface, which this
 * file turns on as a deployment would (CARD_VERIFICATION_PROVIDER; NODE_ENV=test has none by default).
 */
import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { decryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { ACCOUNT } from '../../subgraphs/account/encryptedColumns';
import { hasValidCheckDigit } from '../../subgraphs/account/service/accountNumbers';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { freshVerifiedCustomer, openElectronicAccount, signElectronicAccountAgreement } from '../support/electronicAccounts';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const ICBC = '中国工商银行';
let platform: TestPlatform;
let keys = 0;
const newKey = () => `open-${process.pid}-${(keys += 1)}-key`;

beforeAll(async () => {
  process.env.CARD_VERIFICATION_PROVIDER = 'stand-in';
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'limits'] });
});
afterAll(() => platform.stop());

type Body = { errors?: { extensions?: Record<string, unknown> }[] };
const refusal = (body: Body) => body.errors?.[0]?.extensions;

const ACCOUNTS = '{ accounts { id accountClass maskedNumber balance { amount } balanceCap { amount } } }';
interface AccountsAnswer {
  accounts: {
    id: string;
    accountClass: string;
    maskedNumber: string;
    balance: { amount: string };
    balanceCap: { amount: string } | null;
  }[];
}

async function accountsOf(token: string) {
  const { body } = await platform.query<AccountsAnswer>(ACCOUNTS, { token });
  return body.data!.accounts;
}

async function ledgerAudit() {
  const { body } = await platform.callCenter<{ ledgerAudit: { sumOfAllBalances: string; unbalancedEntries: number } }>(
    'account',
    '{ ledgerAudit { sumOfAllBalances unbalancedEntries } }',
    { as: { service: 'finance', scopes: ['account:ledger:read'] } },
  );
  return body.data!.ledgerAudit;
}

test('a customer not real-name verified (BASIC) is refused and nothing is opened', async () => {
  const basic = await freshVerifiedCustomer(platform, { verified: false, withClassI: true });
  await signElectronicAccountAgreement(platform, basic.token);
  const { body } = await openElectronicAccount(platform, basic.token, {
    accountClass: 'II',
    boundAccountNumber: basic.classIAccount!.number,
    idempotencyKey: newKey(),
  });
  expect(refusal(body)).toMatchObject({ code: 'FORBIDDEN', reason: 'REAL_NAME_REQUIRED' });
  expect(await platform.store('account').account.count({ where: { ownerId: basic.userId } })).toBe(1);
});

test('agreement first, then a class II bound to the own class I account opens at once and is listed; a retry answers it again', async () => {
  const auditBefore = await ledgerAudit();
  const customer = await freshVerifiedCustomer(platform, { name: '钱开户', withClassI: true });
  const input = { accountClass: 'II' as const, boundAccountNumber: customer.classIAccount!.number, idempotencyKey: newKey() };

  const unsigned = await openElectronicAccount(platform, customer.token, input);
  expect(refusal(unsigned.body)).toMatchObject({ code: 'AGREEMENT_REQUIRED', agreementCode: 'ELECTRONIC_ACCOUNT_SERVICE' });

  await signElectronicAccountAgreement(platform, customer.token);
  const opened = await openElectronicAccount(platform, customer.token, input);
  expect(opened.body.errors).toBeUndefined();
  const account = opened.body.data!.openElectronicAccount;
  expect(account).toMatchObject({
    accountClass: 'II',
    status: 'ACTIVE',
    balance: { amount: '0.00', currency: 'CNY' },
    balanceCap: null,
    boundTo: { bankName: '本行', maskedAccountNumber: `6230 **** **** ${customer.classIAccount!.number.slice(-4)}` },
  });

  // Stored as the bank's accounts are: 19 digits on the bank's BIN with a Luhn check digit, the verified name
  // encrypted, bound to the class I account, no postings.
  const row = await platform.store('account').account.findUniqueOrThrow({ where: { id: account.id } });
  expect(row.number).toMatch(/^623058\d{13}$/);
  expect(hasValidCheckDigit(row.number)).toBe(true);
  expect(account.maskedNumber).toBe(`6230 **** **** ${row.number.slice(-4)}`);
  expect(row).toMatchObject({ ownerId: customer.userId, boundAccountId: customer.classIAccount!.id, holderName: null, currency: 'CNY' });
  expect(row.holderNameCipher && decryptField(row.holderNameCipher, fieldBinding(ACCOUNT, 'holder_name_cipher', row.id))).toBe('钱开户');
  expect(await platform.store('account').posting.count({ where: { accountId: account.id } })).toBe(0);

  expect((await accountsOf(customer.token)).map((listed) => [listed.id, listed.accountClass])).toEqual([
    [customer.classIAccount!.id, 'I'],
    [account.id, 'II'],
  ]);

  // The same key answers the same account; nothing doubles. The same key for another request is a conflict.
  const retried = await openElectronicAccount(platform, customer.token, input);
  expect(retried.body.data?.openElectronicAccount.id).toBe(account.id);
  expect(await platform.store('account').account.count({ where: { ownerId: customer.userId } })).toBe(2);
  const conflicting = await openElectronicAccount(platform, customer.token, { ...input, accountClass: 'III' });
  expect(refusal(conflicting.body)).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });

  // A second class II with a new key is refused.
  const second = await openElectronicAccount(platform, customer.token, { ...input, idempotencyKey: newKey() });
  expect(refusal(second.body)).toMatchObject({ code: 'CLASS_II_ALREADY_OPEN', field: 'input.accountClass' });

  // Class III opens too, and shows its 2,000.00 cap.
  const classIII = await openElectronicAccount(platform, customer.token, { ...input, accountClass: 'III', idempotencyKey: newKey() });
  expect(classIII.body.data?.openElectronicAccount).toMatchObject({
    accountClass: 'III',
    balanceCap: { amount: '2000.00', currency: 'CNY' },
  });
  const listed = await accountsOf(customer.token);
  expect(listed.map((one) => one.accountClass)).toEqual(['I', 'II', 'III']);
  expect(listed[2]!.balanceCap).toEqual({ amount: '2000.00' });

  // Opening posts nothing: the ledger is as balanced as before.
  expect(await ledgerAudit()).toEqual(auditBefore);
  expect(auditBefore.unbalancedEntries).toBe(0);
});

test("another customer's account cannot be bound; the refusal does not say whose it is", async () => {
  const customer = await freshVerifiedCustomer(platform, { withClassI: true });
  await signElectronicAccountAgreement(platform, customer.token);
  const someoneElses = await openElectronicAccount(platform, customer.token, {
    accountClass: 'II',
    boundAccountNumber: zhang.accounts[0]!.number,
    idempotencyKey: newKey(),
  });
  const unknown = await openElectronicAccount(platform, customer.token, {
    accountClass: 'II',
    boundAccountNumber: '6230589999999999999',
    idempotencyKey: newKey(),
  });
  for (const body of [someoneElses.body, unknown.body])
    expect(refusal(body)).toMatchObject({ code: 'BOUND_ACCOUNT_REJECTED', reason: 'NOT_OWN_ACCOUNT', field: 'input.boundAccountNumber' });
  expect(someoneElses.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
  expect(await platform.store('account').account.count({ where: { ownerId: customer.userId } })).toBe(1);
});

test("another bank's card: a name mismatch is refused, a matching card opens and is kept encrypted with its bank", async () => {
  // No class I account in this bank at all: the other bank's card is the bound account.
  const customer = await freshVerifiedCustomer(platform, { name: '孙他行' });
  await signElectronicAccountAgreement(platform, customer.token);

  const mismatch = await openElectronicAccount(platform, customer.token, {
    accountClass: 'II',
    boundAccountNumber: '6222020200000001',
    boundBankName: ICBC,
    idempotencyKey: newKey(),
  });
  expect(refusal(mismatch.body)).toMatchObject({
    code: 'BOUND_ACCOUNT_REJECTED',
    reason: 'NAME_MISMATCH',
    field: 'input.boundAccountNumber',
  });
  const frozen = await openElectronicAccount(platform, customer.token, {
    accountClass: 'II',
    boundAccountNumber: '6222020200000003',
    boundBankName: ICBC,
    idempotencyKey: newKey(),
  });
  expect(refusal(frozen.body)).toMatchObject({ code: 'BOUND_ACCOUNT_REJECTED', reason: 'CARD_FROZEN' });

  const card = '6222 0202 0012 3456 789';
  const opened = await openElectronicAccount(platform, customer.token, {
    accountClass: 'II',
    boundAccountNumber: card,
    boundBankName: ICBC,
    idempotencyKey: newKey(),
  });
  expect(opened.body.errors).toBeUndefined();
  expect(opened.body.data!.openElectronicAccount).toMatchObject({
    accountClass: 'II',
    boundTo: { bankName: ICBC, maskedAccountNumber: '6222 **** **** 6789' },
  });
  const row = await platform.store('account').account.findUniqueOrThrow({ where: { id: opened.body.data!.openElectronicAccount.id } });
  expect(row.boundAccountId).toBeNull();
  expect(row.boundCardBank).toBe(ICBC);
  expect(row.boundCardNumberCipher).not.toContain('6222');
  expect(decryptField(row.boundCardNumberCipher!, fieldBinding(ACCOUNT, 'bound_card_number_cipher', row.id))).toBe('6222020200123456789');
  expect((await accountsOf(customer.token)).map((one) => one.accountClass)).toEqual(['II']);
});

test('two concurrent openings of a class II: exactly one account; concurrent retries of one key: one account', async () => {
  const customer = await freshVerifiedCustomer(platform, { withClassI: true });
  await signElectronicAccountAgreement(platform, customer.token);
  const bound = customer.classIAccount!.number;

  const racing = await Promise.all(
    [newKey(), newKey()].map((idempotencyKey) =>
      openElectronicAccount(platform, customer.token, { accountClass: 'II', boundAccountNumber: bound, idempotencyKey }),
    ),
  );
  const opened = racing.filter(({ body }) => body.data?.openElectronicAccount);
  expect(opened).toHaveLength(1);
  expect(racing.map(({ body }) => refusal(body)?.code ?? 'OPENED').sort()).toEqual(['CLASS_II_ALREADY_OPEN', 'OPENED']);

  const key = newKey();
  const retries = await Promise.all(
    [1, 2, 3].map(() =>
      openElectronicAccount(platform, customer.token, { accountClass: 'III', boundAccountNumber: bound, idempotencyKey: key }),
    ),
  );
  const ids = new Set(retries.map(({ body }) => body.data?.openElectronicAccount.id));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toBeTruthy();

  const store = platform.store('account');
  expect(await store.account.count({ where: { ownerId: customer.userId, accountClass: 'II' } })).toBe(1);
  expect(await store.account.count({ where: { ownerId: customer.userId, accountClass: 'III' } })).toBe(1);

  // The database itself holds the rule, whoever writes: a second open class II row is refused.
  await expect(
    store.account.create({
      data: { id: randomUUID(), kind: 'CUSTOMER', ownerId: customer.userId, number: '6230580000000099999', accountClass: 'II' },
    }),
  ).rejects.toThrow(/unique/i);
});

test('staff on OPS are refused', async () => {
  const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
  const staff = await platform.query<{ staffLogin: { accessToken: string } }>(
    'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
    { channel: 'OPS', variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } } },
  );
  const token = staff.body.data!.staffLogin.accessToken;
  const { body } = await platform.query(
    'mutation Open($input: OpenElectronicAccountInput!) { openElectronicAccount(input: $input) { id } }',
    {
      token,
      channel: 'OPS',
      variables: { input: { accountClass: 'II', boundAccountNumber: zhang.accounts[0]!.number, idempotencyKey: newKey() } },
    },
  );
  expect(refusal(body)?.code).toBe('FORBIDDEN');
  expect(body.data?.openElectronicAccount ?? null).toBeNull();
});
