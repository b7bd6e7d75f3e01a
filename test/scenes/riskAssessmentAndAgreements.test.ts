/**
 * The risk questionnaire and agreement signing through the gateway, with the channels' own operation
 * documents: bad answers are refused with their field and reason and write nothing; 张晓明 (C3) is
 * refused an R4 product, re-assesses to C4 and buys it at once (suitability asks the user center on
 * every purchase); 李秀英, whose assessment expired, re-assesses, is offered the wealth agreement by the
 * AGREEMENT_REQUIRED refusal, reads and signs it (once, however often she signs), and buys.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as LimitsPrisma } from '../../subgraphs/limits/__generated__/prisma/client';
import { PrismaClient as UserPrisma } from '../../subgraphs/user/__generated__/prisma/client';
import { encryptPin, latestSmsCode } from '../identity/helpers';
import { newKey } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // R2, from 10,000.00, sale window Nov–Dec
const GROWTH_365 = 'd0a80001-0000-4000-8000-000000000104'; // R4, from 50,000.00, on sale from 2026-12-01
const PIN = '258036';
const operation = (name: string, channel: 'MOBILE_APP' | 'WEB' = 'MOBILE_APP') => readOperationDocument(channel, name);

const answersOf = (options: string) => [...options].map((optionCode, index) => ({ questionCode: `Q${index + 1}`, optionCode }));
/** 10+6+7+10+6+6+8+5+6+3 = 67: C4. */
const C4_ANSWERS = answersOf('BCCACCCBCB');
/** 6+4+7+10+0+3+5+2+3+0 = 40, the top of C2. */
const C2_ANSWERS = answersOf('CBCAABBABA');

interface Assessment {
  id: string;
  questionnaireVersion: string;
  score: number;
  grade: string;
  assessedAt: string;
  expiresAt: string;
  channel: string;
}
interface Subscription {
  subscribeWealthProduct: {
    order: { id: string; kind: string; status: string; amount: { amount: string } };
    holding: { productId: string; amount: { amount: string } } | null;
    challenge: { challengeId: string; methods: string[] } | null;
  };
}
interface Signature {
  id: string;
  templateCode: string;
  version: string;
  title: string;
  kind: string;
  signedAt: string;
  channel: string;
}

describe('risk questionnaire and agreements', () => {
  let platform: TestPlatform;
  let user: UserPrisma;
  let finance: FinancePrisma;
  let limits: LimitsPrisma;

  beforeAll(async () => {
    platform = await startTestPlatform();
    user = platform.store('user');
    finance = platform.store('finance');
    limits = platform.store('limits');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const submit = (token: string, input: Record<string, unknown>, channel: 'MOBILE_APP' | 'WEB' = 'MOBILE_APP') =>
    platform.query<{ submitRiskQuestionnaire: Assessment }>(operation('SubmitRiskQuestionnaire', channel), {
      token,
      channel,
      variables: { input },
    });
  const subscribe = (token: string, input: Record<string, unknown>) =>
    platform.query<Subscription>(operation('SubscribeWealthProduct'), { token, variables: { input } });
  const sign = (token: string, variables: Record<string, unknown>) =>
    platform.query<{ signAgreement: Signature }>(operation('SignAgreement'), { token, variables });
  const historyCount = (customerId: string) => user.riskAssessmentRecord.count({ where: { customerId } });

  it('shows the questionnaire in force without the scores, and the customer’s grade', async () => {
    const token = await platform.login(zhang.mobile);
    const { body } = await platform.query<{
      riskQuestionnaire: { version: string; questions: { code: string; text: string; options: Record<string, unknown>[] }[] };
      me: { riskAssessment: { grade: string; expired: boolean } };
    }>(operation('RiskQuestionnaire'), { token });
    expect(body.errors).toBeUndefined();
    expect(body.data!.riskQuestionnaire.version).toBe('2026.1');
    expect(body.data!.riskQuestionnaire.questions.map((question) => question.code)).toEqual(
      Array.from({ length: 10 }, (_, index) => `Q${index + 1}`),
    );
    expect(Object.keys(body.data!.riskQuestionnaire.questions[0]!.options[0]!).sort()).toEqual(['code', 'text']);
    expect(body.data!.me.riskAssessment).toMatchObject({ grade: 'C3', expired: false });
  });

  it('refuses bad answers with the field and a stable reason, and writes nothing', async () => {
    const token = await platform.login(zhang.mobile);
    await user.riskQuestionnaire.create({
      data: { version: '2025.1', title: '旧版问卷', effectiveAt: new Date('2025-01-01T00:00:00.000+08:00'), questions: [], gradeBands: [] },
    });
    const before = await historyCount(zhang.id);
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { questionnaireVersion: '2025.1', answers: C4_ANSWERS },
        { field: 'input.questionnaireVersion', reason: 'STALE_QUESTIONNAIRE_VERSION', currentVersion: '2026.1' },
      ],
      [
        { questionnaireVersion: '1999.9', answers: C4_ANSWERS },
        { field: 'input.questionnaireVersion', reason: 'UNKNOWN_QUESTIONNAIRE_VERSION' },
      ],
      [
        { questionnaireVersion: '2026.1', answers: [...C4_ANSWERS.slice(0, 3), { questionCode: 'Q99', optionCode: 'A' }] },
        { field: 'input.answers.3.questionCode', reason: 'UNKNOWN_QUESTION' },
      ],
      [
        { questionnaireVersion: '2026.1', answers: [...C4_ANSWERS.slice(0, 9), { questionCode: 'Q10', optionCode: 'Z' }] },
        { field: 'input.answers.9.optionCode', reason: 'UNKNOWN_OPTION' },
      ],
      [
        { questionnaireVersion: '2026.1', answers: [...C4_ANSWERS, { questionCode: 'Q1', optionCode: 'A' }] },
        { field: 'input.answers.10.questionCode', reason: 'DUPLICATE_ANSWER' },
      ],
      [
        { questionnaireVersion: '2026.1', answers: C4_ANSWERS.filter((answer) => !['Q4', 'Q9'].includes(answer.questionCode)) },
        { field: 'input.answers', reason: 'MISSING_ANSWERS', missingQuestions: ['Q4', 'Q9'] },
      ],
    ];
    for (const [input, expected] of cases) {
      const { body } = await submit(token, input);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
    }
    expect(await historyCount(zhang.id)).toBe(before);
    expect((await user.customer.findUniqueOrThrow({ where: { id: zhang.id } })).riskGrade).toBe('C3');
  });

  it('a C3 customer refused an R4 product re-assesses to C4 and buys it at once', async () => {
    // The R4 product's sale window opens on 2026-12-01.
    const target = new Date('2026-12-02T02:00:00.000Z').getTime();
    if (platform.clock.now().getTime() < target) platform.clock.advance(target - platform.clock.now().getTime());
    const token = await platform.login(zhang.mobile);
    const input = { productId: GROWTH_365, sourceAccountId: zhang.accounts[0]!.id, amount: '50000.00', idempotencyKey: newKey('r4') };
    const ordersBefore = await finance.order.count({ where: { ownerId: zhang.id } });
    const refused = await subscribe(token, input);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUITABILITY_MISMATCH', field: 'input.productId' });
    expect(await finance.order.count({ where: { ownerId: zhang.id } })).toBe(ordersBefore);

    const assessed = await submit(token, { questionnaireVersion: '2026.1', answers: C4_ANSWERS });
    expect(assessed.body.errors).toBeUndefined();
    const now = platform.clock.now();
    const inAYear = new Date(now);
    inAYear.setUTCFullYear(now.getUTCFullYear() + 1);
    expect(assessed.body.data!.submitRiskQuestionnaire).toMatchObject({
      questionnaireVersion: '2026.1',
      score: 67,
      grade: 'C4',
      assessedAt: now.toISOString(),
      expiresAt: inAYear.toISOString(),
      channel: 'MOBILE_APP',
    });

    // The same purchase key again: suitability is asked anew, and 50,000.00 waits for the PIN.
    await setTransactionPin(zhang.mobile, token);
    const bought = await subscribe(token, input);
    expect(bought.body.errors).toBeUndefined();
    const { order, challenge } = bought.body.data!.subscribeWealthProduct;
    expect(order).toMatchObject({ kind: 'WEALTH_PURCHASE', status: 'CHALLENGE_REQUIRED', amount: { amount: '50000.00' } });
    expect(challenge?.methods).toContain('TRANSACTION_PIN');
    const challengeToken = await passPinChallenge(token, { orderId: order.id, amount: '50000.00', sourceAccountId: input.sourceAccountId });
    const confirmed = await platform.query<{ confirmOrder: { order: { status: string }; holding: { productId: string } | null } }>(
      operation('ConfirmOrder'),
      { token, variables: { orderId: order.id, challengeToken } },
    );
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmOrder).toMatchObject({ order: { status: 'COMPLETED' }, holding: { productId: GROWTH_365 } });

    const history = await platform.query<{ me: { riskAssessment: { grade: string }; riskAssessmentHistory: Assessment[] } }>(
      operation('MyRiskAssessments'),
      { token },
    );
    expect(history.body.data!.me.riskAssessment.grade).toBe('C4');
    expect(history.body.data!.me.riskAssessmentHistory.map((record) => [record.grade, record.score])).toEqual([['C4', 67]]);
  });

  it('an expired assessment is renewed, the missing agreement offered, read, signed once, and the purchase goes through', async () => {
    const token = await platform.login(li.mobile);
    const input = { productId: STEADY_90, sourceAccountId: li.accounts[0]!.id, amount: '10000.00', idempotencyKey: newKey('li') };
    const expired = await subscribe(token, input);
    expect(expired.body.errors?.[0]?.extensions?.code).toBe('RISK_ASSESSMENT_EXPIRED');

    // Answered in web banking: the grade is the customer's, whatever the channel.
    const web = await platform.login(li.mobile, 'WEB');
    const renewed = await submit(web, { questionnaireVersion: '2026.1', answers: C2_ANSWERS }, 'WEB');
    expect(renewed.body.errors).toBeUndefined();
    expect(renewed.body.data!.submitRiskQuestionnaire).toMatchObject({ score: 40, grade: 'C2', channel: 'WEB' });

    const offered = await subscribe(token, input);
    const refusal = offered.body.errors?.[0]?.extensions;
    expect(refusal).toMatchObject({ code: 'AGREEMENT_REQUIRED', field: 'input.productId', agreementCode: 'WEALTH_PRODUCT_SERVICE' });
    expect(await finance.order.count({ where: { ownerId: li.id } })).toBe(0);

    const template = await platform.query<{ agreementTemplate: { code: string; version: string; title: string; content: string } }>(
      operation('AgreementTemplate'),
      { token, variables: { code: refusal!.agreementCode } },
    );
    expect(template.body.data!.agreementTemplate).toMatchObject({ code: 'WEALTH_PRODUCT_SERVICE', version: '2026.1' });
    expect(template.body.data!.agreementTemplate.content).toContain('理财非存款');

    const version = template.body.data!.agreementTemplate.version;
    const signed = await sign(token, { templateCode: 'WEALTH_PRODUCT_SERVICE', version });
    expect(signed.body.errors).toBeUndefined();
    expect(signed.body.data!.signAgreement).toMatchObject({
      templateCode: 'WEALTH_PRODUCT_SERVICE',
      version: '2026.1',
      kind: 'WEALTH_PRODUCT',
      signedAt: platform.clock.now().toISOString(),
      channel: 'MOBILE_APP',
    });
    // Signing again, later and without the version, answers the first signature.
    platform.clock.advance(60_000);
    const again = await sign(token, { templateCode: 'WEALTH_PRODUCT_SERVICE' });
    expect(again.body.data!.signAgreement).toEqual(signed.body.data!.signAgreement);
    expect(await limits.signedAgreement.count({ where: { customerId: li.id, templateCode: 'WEALTH_PRODUCT_SERVICE' } })).toBe(1);

    const bought = await subscribe(token, { ...input, idempotencyKey: newKey('li') });
    expect(bought.body.errors).toBeUndefined();
    expect(bought.body.data!.subscribeWealthProduct).toMatchObject({
      order: { kind: 'WEALTH_PURCHASE', status: 'COMPLETED', amount: { amount: '10000.00' } },
      holding: { productId: STEADY_90 },
    });

    const mine = await platform.query<{ agreements: Signature[] }>(operation('MyAgreements'), { token });
    expect(mine.body.data!.agreements.map((agreement) => agreement.templateCode)).toEqual([
      'WEALTH_PRODUCT_SERVICE',
      'ELECTRONIC_ACCOUNT_SERVICE',
    ]);
  });

  it('refuses signing an unknown template or version, or a superseded version, and writes nothing', async () => {
    const token = await platform.login(li.mobile);
    await limits.agreementTemplate.create({
      data: {
        code: 'QUICK_PAYMENT_SERVICE',
        version: '2026.2',
        title: '快捷支付服务协议',
        kind: 'QUICK_PAYMENT',
        effectiveAt: new Date(platform.clock.now().getTime() - 1_000),
        content: '快捷支付服务协议（2026.2）全文',
      },
    });
    const before = await limits.signedAgreement.count({ where: { customerId: li.id } });
    const unknown = await sign(token, { templateCode: 'NO_SUCH_AGREEMENT' });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'templateCode' });
    const noVersion = await sign(token, { templateCode: 'QUICK_PAYMENT_SERVICE', version: '1999.1' });
    expect(noVersion.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'version' });
    const superseded = await sign(token, { templateCode: 'QUICK_PAYMENT_SERVICE', version: '2026.1' });
    expect(superseded.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'version',
      reason: 'SUPERSEDED_VERSION',
      currentVersion: '2026.2',
    });
    expect(await limits.signedAgreement.count({ where: { customerId: li.id } })).toBe(before);
    const current = await sign(token, { templateCode: 'QUICK_PAYMENT_SERVICE' });
    expect(current.body.data!.signAgreement).toMatchObject({ version: '2026.2' });
  });

  it('a new version of the wealth agreement in force is offered again before the next purchase', async () => {
    // 李秀英 signed WEALTH_PRODUCT_SERVICE 2026.1 above; the bank publishes 2026.2.
    await limits.agreementTemplate.create({
      data: {
        code: 'WEALTH_PRODUCT_SERVICE',
        version: '2026.2',
        title: '理财产品销售服务协议',
        kind: 'WEALTH_PRODUCT',
        effectiveAt: new Date(platform.clock.now().getTime() - 1_000),
        content: '理财产品销售服务协议（2026.2）全文：理财非存款，产品有风险，投资须谨慎。',
      },
    });
    const token = await platform.login(li.mobile);
    const input = { productId: STEADY_90, sourceAccountId: li.accounts[0]!.id, amount: '10000.00', idempotencyKey: newKey('li-v2') };
    const ordersBefore = await finance.order.count({ where: { ownerId: li.id } });
    const offered = await subscribe(token, input);
    expect(offered.body.errors?.[0]?.extensions).toMatchObject({ code: 'AGREEMENT_REQUIRED', agreementCode: 'WEALTH_PRODUCT_SERVICE' });
    expect(await finance.order.count({ where: { ownerId: li.id } })).toBe(ordersBefore);

    const signed = await sign(token, { templateCode: 'WEALTH_PRODUCT_SERVICE' });
    expect(signed.body.data!.signAgreement).toMatchObject({ version: '2026.2' });
    const bought = await subscribe(token, input);
    expect(bought.body.errors).toBeUndefined();
    expect(bought.body.data!.subscribeWealthProduct.order).toMatchObject({ status: 'COMPLETED' });
  });

  /** The transaction PIN is set once, after an SMS check. */
  async function setTransactionPin(mobile: string, token: string): Promise<void> {
    const sms = await platform.query<{ startChallenge: { id: string } }>(operation('StartChallenge'), {
      token,
      variables: { purpose: 'SET_PIN' },
    });
    const smsToken = await platform.query<{ verifyChallenge: { token: string } }>(operation('VerifyChallenge'), {
      token,
      variables: { id: sms.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, mobile) } },
    });
    const pinSet = await platform.query(operation('SetTransactionPin'), {
      token,
      variables: { encryptedPin: await encryptPin(platform, PIN), challengeToken: smsToken.body.data!.verifyChallenge.token },
    });
    expect(pinSet.body.errors).toBeUndefined();
  }

  /** What the app does after CHALLENGE_REQUIRED: a PURCHASE challenge for the order, answered with the PIN. */
  async function passPinChallenge(token: string, context: { orderId: string; amount: string; sourceAccountId: string }): Promise<string> {
    const started = await platform.query<{ startChallenge: { id: string } }>(operation('StartChallenge'), {
      token,
      variables: { purpose: 'PURCHASE', context },
    });
    const id = started.body.data!.startChallenge.id;
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(operation('VerifyChallenge'), {
      token,
      variables: { id, proof: { encryptedPin: await encryptPin(platform, `${PIN}:${id}`) } },
    });
    expect(verified.body.errors).toBeUndefined();
    return verified.body.data!.verifyChallenge.token;
  }
});
