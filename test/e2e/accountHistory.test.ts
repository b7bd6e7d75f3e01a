import { Client } from 'pg';
import { POSTING } from '../../subgraphs/account/encryptedColumns';
import { holderNameOf } from '../../subgraphs/account/service/holderName';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { reEncryptTable } from '../../subgraphs/kit/fieldEncryption/reEncryption';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';

const ACCOUNT_HISTORY = readOperationDocument('WEB', 'AccountHistory');

interface History {
  account: {
    balance: { amount: string };
    transactions: {
      edges: {
        cursor: string;
        node: {
          id: string;
          direction: string;
          amount: { amount: string };
          balanceAfter: { amount: string };
          counterparty: { maskedName: string; maskedAccountNumber: string | null } | null;
          memo: string;
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
}

let platform: TestPlatform;
let token: string;
const [zhang, li] = DEMO_CUSTOMERS;
const mainAccount = zhang!.accounts[0]!.id;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'] });
  token = await platform.login(zhang!.mobile, 'WEB');
});
afterAll(() => platform.stop());

const page = (variables: Record<string, unknown>) => platform.query<History>(ACCOUNT_HISTORY, { token, channel: 'WEB', variables });

test('the history is newest first, masked, and its running balances add up', async () => {
  const { body } = await page({ accountId: mainAccount });
  expect(body.errors).toBeUndefined();
  const lines = body.data!.account!.transactions.edges.map((edge) => edge.node);
  expect(lines.map((line) => [line.memo, line.amount.amount, line.balanceAfter.amount])).toEqual([
    ['房租', '-6850.00', '100000.00'],
    ['电费缴纳', '-150.00', '106850.00'],
    ['11月工资', '8000.00', '107000.00'],
    ['开户存入', '99000.00', '99000.00'],
  ]);
  expect(lines[0]!.direction).toBe('DEBIT');
  expect(lines[0]!.counterparty).toEqual({ maskedName: '李*英', maskedAccountNumber: '6230 **** **** 0021', bankName: '本行' });
  expect(JSON.stringify(body)).not.toContain(li!.accounts[0]!.number);
  expect(body.data!.account!.balance.amount).toBe(lines[0]!.balanceAfter.amount);
});

test('cursor pages return every line exactly once', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10; pages += 1) {
    const { body }: { body: { data?: History | null } } = await page({ accountId: mainAccount, first: 1, after });
    const connection = body.data!.account!.transactions;
    seen.push(...connection.edges.map((edge) => edge.node.id));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(4);
  expect(new Set(seen).size).toBe(4);
});

test('bad paging input names the field', async () => {
  const tooMany = await page({ accountId: mainAccount, first: 1000 });
  expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const forged = await page({ accountId: mainAccount, after: Buffer.from('{"t":"x","id":"1; DROP TABLE posting"}').toString('base64url') });
  expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

test("another customer's account is refused", async () => {
  const { body } = await page({ accountId: li!.accounts[0]!.id });
  expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(body.data?.account ?? null).toBeNull();
});

test('postings keep the other side encrypted, bound to their order and leg', async () => {
  const rows = await platform.store('account').posting.findMany({ where: { accountId: mainAccount }, orderBy: { id: 'asc' } });
  const dump = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  for (const secret of [li!.name, li!.accounts[0]!.number, '浙江丰收农业有限公司']) expect(dump).not.toContain(secret);
  expect(rows.every((row) => row.counterpartyName === null && row.counterpartyAccountNumber === null)).toBe(true);
  const own = (await platform.store('account').account.findUnique({ where: { id: mainAccount } }))!;
  expect(own.holderName).toBeNull();
  expect(JSON.stringify(own, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).not.toContain(zhang!.name);
  expect(holderNameOf(own)).toBe(zhang!.name);
  const ledgerAccounts = await platform.store('account').account.findMany({ where: { kind: 'GENERAL_LEDGER' } });
  expect(ledgerAccounts.length).toBeGreaterThan(5);
  expect(ledgerAccounts.filter((row) => row.holderName !== null || !row.holderNameCipher)).toEqual([]);

  // 李秀英's name moved onto the payroll line (another order's posting) no longer decrypts: the page fails instead of lying.
  const rent = rows.find((row) => row.memo === '房租')!;
  const payroll = rows.find((row) => row.memo === '11月工资')!;
  const account = platform.store('account');
  await account.posting.update({ where: { id: payroll.id }, data: { counterpartyNameCipher: rent.counterpartyNameCipher } });
  try {
    const { body } = await page({ accountId: mainAccount });
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.data ?? null).match(/李\*英/g)?.length ?? 0).toBeLessThanOrEqual(1);
  } finally {
    await account.posting.update({ where: { id: payroll.id }, data: { counterpartyNameCipher: payroll.counterpartyNameCipher } });
  }
});

test('a posting written before encryption still shows, and the re-encryption job encrypts it in place', async () => {
  const account = platform.store('account');
  const rent = (await account.posting.findFirst({ where: { accountId: mainAccount, memo: '房租' } }))!;
  await account.posting.update({
    where: { id: rent.id },
    data: {
      counterpartyName: li!.name,
      counterpartyAccountNumber: li!.accounts[0]!.number,
      counterpartyNameCipher: null,
      counterpartyAccountNumberCipher: null,
    },
  });
  const rentLine = async () => (await page({ accountId: mainAccount })).body.data!.account!.transactions.edges[0]!.node.counterparty;
  expect(await rentLine()).toEqual({ maskedName: '李*英', maskedAccountNumber: '6230 **** **** 0021', bankName: '本行' });

  const db = new Client({ connectionString: platform.centers.account!.databaseUrl });
  await db.connect();
  try {
    expect(await reEncryptTable(db, POSTING, { batchSize: 2 })).toMatchObject({ rewritten: 1, raced: 0, failed: [] });
  } finally {
    await db.end();
  }
  const upgraded = (await account.posting.findUnique({ where: { id: rent.id } }))!;
  expect(upgraded).toMatchObject({ counterpartyName: null, counterpartyAccountNumber: null });
  expect(upgraded.counterpartyNameCipher).toMatch(/^v\d+:(gcm|sm4):/);
  expect(await rentLine()).toEqual({ maskedName: '李*英', maskedAccountNumber: '6230 **** **** 0021', bankName: '本行' });
});
