import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { OUTBOX } from './helpers';

/**
 * A step-up SMS says what the code approves — the action, the amount and the masked payee — so a
 * customer tricked into reading a code out can see it is not for what they were told.
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;
const source = zhang!.accounts[0]!.id;
const payeeAccount = li!.accounts[0]!.number;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());
// One SMS a minute per purpose.
afterEach(() => platform.clock.advance(61 * 1000));

const START =
  'mutation Start($purpose: ChallengePurpose!, $context: ChallengeContextInput, $method: ChallengeMethod) ' +
  '{ startChallenge(purpose: $purpose, context: $context, method: $method) { id method } }';

async function smsFor(purpose: string, context: Record<string, unknown>): Promise<string> {
  const token = await platform.login(zhang!.mobile);
  const { body } = await platform.query<{ startChallenge: { method: string } }>(START, {
    token,
    variables: { purpose, context, method: 'SMS' },
  });
  expect(body.errors).toBeUndefined();
  expect(body.data?.startChallenge.method).toBe('SMS');
  const outbox = await platform.query<{ developmentSmsOutbox: { text: string }[] }>(OUTBOX, { variables: { mobile: zhang!.mobile } });
  return outbox.body.data!.developmentSmsOutbox[0]!.text;
}

test('a transfer code names the action, the amount and the masked payee', async () => {
  const text = await smsFor('TRANSFER', {
    amount: '1000.00',
    sourceAccountId: source,
    payeeAccountNumber: payeeAccount,
    payeeName: li!.name,
  });
  expect(text).toMatch(
    new RegExp(
      `^【农商银行】您正在向 李\\*\\* \\(尾号${payeeAccount.slice(-4)}\\) 转账 1,000\\.00 元，验证码\\d{6}，5分钟内有效，切勿告知他人。$`,
    ),
  );
  expect(text).not.toContain(li!.name);
  expect(text).not.toContain(payeeAccount);
});

test('without a payee name the code still names the action, the amount and the account tail', async () => {
  const text = await smsFor('TRANSFER', { amount: '123456.7', sourceAccountId: source, payeeAccountNumber: payeeAccount });
  expect(text).toContain(`您正在向 尾号${payeeAccount.slice(-4)} 账户 转账 123,456.70 元，验证码`);
});

test('a purchase code names the purchase and its amount', async () => {
  const text = await smsFor('PURCHASE', { orderId: 'c0ffee00-0000-4000-8000-00000000abcd', amount: '50000', sourceAccountId: source });
  expect(text).toContain('您正在支付购买订单 (尾号abcd) 50,000.00 元，验证码');
});
