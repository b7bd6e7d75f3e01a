import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * 智能语音 through the gateway, as the mobile app sends it: a demo customer's saved payee found by
 * name, alias and surname + title; the search fallback with the FAQ and catalogue products (resolved by
 * the product center); refusals with the field; and nothing written in finance. Finance's payees reach
 * marketing only through its internal query, for marketing only.
 */
const INTERPRET = readOperationDocument('MOBILE_APP', 'InterpretVoiceCommand');

interface Answer {
  interpretVoiceCommand: {
    __typename: string;
    text: string;
    summary: string;
    payeeMatch?: string;
    spokenPayee?: string | null;
    candidates?: { payeeId: string; name: string; alias: string | null; maskedAccountNumber: string; bankName: string }[];
    amount?: string | null;
    memo?: string | null;
    billKind?: string | null;
    keywords?: string[];
    products?: { id: string; name: string; kind: string }[];
    faqs?: { id: string; question: string; answer: string }[];
  };
}

let platform: TestPlatform;
let zhangToken: string;
const [zhang, li] = DEMO_CUSTOMERS;
const LI_AS_PAYEE = 'b0a80001-0000-4000-8000-000000000101';
const WANG_AS_PAYEE = 'b0a80001-0000-4000-8000-000000000102';

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'finance', 'product', 'marketing'] });
  zhangToken = await platform.login(zhang!.mobile);
});
afterAll(() => platform.stop());

const say = (text: string, token = zhangToken) => platform.query<Answer>(INTERPRET, { token, variables: { text } });

test("a transfer draft for 张晓明's saved payee, by full name, alias and surname + title; nothing written in finance", async () => {
  const finance = platform.store('finance');
  const before = { orders: await finance.order.count(), payees: await finance.payee.count() };

  const byName = await say('给李秀英转100元');
  expect(byName.body.errors).toBeUndefined();
  expect(byName.body.data!.interpretVoiceCommand).toEqual({
    __typename: 'TransferDraft',
    text: '给李秀英转100元',
    summary: '向李秀英转账100.00元，请确认',
    payeeMatch: 'NAME',
    spokenPayee: '李秀英',
    candidates: [
      {
        payeeId: LI_AS_PAYEE,
        name: '李秀英',
        alias: '房东',
        maskedAccountNumber: expect.stringMatching(/^\d{4} \*{4} \*{4} \d{4}$/),
        bankName: '本行',
      },
    ],
    amount: '100.00',
    memo: null,
  });
  // The full account number never leaves finance.
  expect(JSON.stringify(byName.body)).not.toContain(li!.accounts[0]!.number);

  const byAlias = (await say('给房东转3000块，备注12月房租')).body.data!.interpretVoiceCommand;
  expect(byAlias).toMatchObject({ payeeMatch: 'ALIAS', amount: '3000.00', memo: '12月房租', candidates: [{ payeeId: LI_AS_PAYEE }] });

  // One saved payee named 王: 老王 is 王建国.
  const byTitle = (await say('给老王转两千五')).body.data!.interpretVoiceCommand;
  expect(byTitle).toMatchObject({
    payeeMatch: 'SURNAME_TITLE',
    amount: '2500.00',
    candidates: [{ payeeId: WANG_AS_PAYEE, name: '王建国' }],
  });

  expect({ orders: await finance.order.count(), payees: await finance.payee.count() }).toEqual(before);
});

test("payees are the caller's own: 李秀英 has none, so her own name is NOT_FOUND", async () => {
  const token = await platform.login(li!.mobile);
  const { body } = await say('给李秀英转100元', token);
  expect(body.errors).toBeUndefined();
  expect(body.data!.interpretVoiceCommand).toMatchObject({ __typename: 'TransferDraft', payeeMatch: 'NOT_FOUND', candidates: [] });
});

test('inquiries and bills are drafts for their screens', async () => {
  const answers = await Promise.all(['查一下余额', '我的积分还有多少', '交电费', '看看最近的交易明细'].map((text) => say(text)));
  expect(answers.map(({ body }) => body.data!.interpretVoiceCommand.__typename)).toEqual([
    'BalanceInquiry',
    'PointsInquiry',
    'BillPaymentDraft',
    'AccountHistoryInquiry',
  ]);
  expect(answers[2]!.body.data!.interpretVoiceCommand.billKind).toBe('ELECTRICITY');
});

test('what is not a command falls back to the FAQ and the catalogue', async () => {
  const help = (await say('忘记密码了怎么办')).body.data!.interpretVoiceCommand;
  expect(help.__typename).toBe('SearchFallback');
  expect(help.faqs![0]).toMatchObject({ question: '忘记登录密码怎么办？', answer: expect.stringContaining('忘记密码') });

  const { body } = await say('我想办信用卡');
  expect(body.errors).toBeUndefined();
  const search = body.data!.interpretVoiceCommand;
  expect(search.keywords).toContain('信用卡');
  expect(search.faqs![0]!.question).toBe('信用卡怎么申请？年费多少？');
  // Product stubs from marketing, their fields from the product center.
  expect(search.products!.map((product) => product.name)).toEqual(expect.arrayContaining(['丰收信用卡金卡', '丰收信用卡白金卡']));
  expect(search.products!.every((product) => product.kind === 'CREDIT_CARD')).toBe(true);

  const nothing = (await say('你好')).body.data!.interpretVoiceCommand;
  expect(nothing).toMatchObject({ __typename: 'SearchFallback', products: [], faqs: [] });
});

test('refused with BAD_USER_INPUT on text: empty, too long, an amount that cannot be taken as said', async () => {
  for (const [text, reason] of [
    ['  ', undefined],
    ['转'.repeat(101), undefined],
    ['给李秀英转一两百', 'AMBIGUOUS'],
    ['给李秀英转两千万', 'OVER_LIMIT'],
  ] as const) {
    const { body } = await say(text);
    expect(body.data?.interpretVoiceCommand ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text', ...(reason ? { reason } : {}) });
  }
});

test('a caller must be signed in', async () => {
  const { body } = await platform.query<Answer>(INTERPRET, { variables: { text: '查一下余额' } });
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test("finance's customerPayees answers marketing only, with its scope", async () => {
  const PAYEES = 'query CustomerPayees { customerPayees { id name maskedAccountNumber } }';
  const granted = await platform.callCenter<{ customerPayees: { id: string }[] }>('finance', PAYEES, {
    as: { service: 'marketing', actingFor: zhang!.id, scopes: ['finance:payees:read'] },
  });
  expect(granted.body.data?.customerPayees.map((payee) => payee.id)).toEqual([LI_AS_PAYEE, WANG_AS_PAYEE]);

  const otherCenter = await platform.callCenter('finance', PAYEES, {
    as: { service: 'life', actingFor: zhang!.id, scopes: ['finance:payees:read'] },
  });
  expect(otherCenter.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const customer = await platform.callCenter('finance', PAYEES, { as: { customerId: zhang!.id } });
  expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
