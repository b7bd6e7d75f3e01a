import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
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
