/**
 * Becoming a customer, end to end through the gateway with every center, the real OCR and face models
 * and the Tencent Cloud SMS stand-in (the auth center signs real SendSms calls; the test reads the codes
 * back from the stand-in, as the browser tests do):
 *
 *   a new mobile registers → reads both sides of its ID card (OCR) and takes a selfie (face match, the
 *   register stand-in) → signs the electronic-account agreement and opens a class II account bound to
 *   another bank's card in its own name (the clearing stand-in's holder check) → takes the risk
 *   questionnaire → receives 9,000.00 from 13800000001 → is refused a further 2,000.00 from a non-bound
 *   account the same day (CLASS_II_INFLOW_DAILY) → buys a product its grade suits and is refused one it
 *   does not.
 *
 * The only look behind the API: the new account's full number, which the customer would read out to the
 * payer, is taken from the account center's store.
 */
import { randomUUID } from 'node:crypto';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { reloadConfig } from '../../platform/config';
import { startTencentSmsStandIn, TencentSmsStandIn } from '../../scripts/smsStandIn/server';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { maskIdNumber } from '../../subgraphs/kit/fieldCipher';
import { closeOcr } from '../../subgraphs/user/service/verification/ocrEngine';
import { openElectronicAccount, signElectronicAccountAgreement } from '../support/electronicAccounts';
import { sampleFaces, type SampleFace } from '../support/models/faces';
import { generateCardWithPortrait } from '../support/models/idCards';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { completeRealNameVerification, readIdCard } from '../support/realNameVerification';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const MOBILE = '13911112026';
const NAME = '孙新客';
const CASH_MANAGEMENT = 'd0a80001-0000-4000-8000-000000000101'; // 丰收天天利, R1, from 1.00
const EQUITY = 'd0a80001-0000-4000-8000-000000000110'; // 丰收权益精选, R5, from 1,000.00
/** The other bank's debit card the class II account binds to (the clearing stand-in answers MATCH for it). */
const OTHER_BANK_CARD = '6222020200112233445';
/** 10+6+7+10+6+6+8+5+6+3 = 67: C4 would buy R4; these answers total 40: C2, suited to R1 and R2 only. */
const C2_ANSWERS = [...'CBCAABBABA'].map((optionCode, index) => ({ questionCode: `Q${index + 1}`, optionCode }));

const SMS_ENV = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKIDe2eBecomingACustomer',
  TENCENT_SMS_SECRET_KEY: 'e2e-secret-key-not-a-real-one',
  TENCENT_SMS_SDK_APP_ID: '1400000001',
  SMS_SIGN_NAME: '丰收农商银行',
  SMS_TEMPLATE_LOGIN_CODE: '100001',
  SMS_TEMPLATE_STEP_UP_CODE: '100002',
  SMS_TEMPLATE_REGISTRATION_CODE: '100003',
  SMS_TEMPLATE_REGISTERED_NOTICE: '100004',
  CARD_VERIFICATION_PROVIDER: 'stand-in',
};

type Body = { errors?: { message?: string; extensions?: Record<string, unknown> }[] };
const refusal = (body: Body) => body.errors?.[0]?.extensions;
const operation = (name: string) => readOperationDocument('MOBILE_APP', name);

interface TransferAnswer {
  __typename: string;
  order?: { id: string; status: string } | null;
  challengeId?: string;
  methods?: string[];
  code?: string;
  reason?: string;
  limit?: string | null;
}

let platform: TestPlatform;
let standIn: TencentSmsStandIn;
let holder: SampleFace;
let card: ReturnType<typeof generateCardWithPortrait>;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  // The images are made first: finding the sample faces blocks this process (the servers' too) for seconds.
  [holder] = (await sampleFaces([1])) as [SampleFace];
  card = generateCardWithPortrait(7, holder.selfie);
  standIn = await startTencentSmsStandIn({
    keys: { [SMS_ENV.TENCENT_SMS_SECRET_ID]: SMS_ENV.TENCENT_SMS_SECRET_KEY },
    sdkAppId: SMS_ENV.TENCENT_SMS_SDK_APP_ID,
    templateIds: ['100001', '100002', '100003', '100004'],
  });
  for (const [name, value] of Object.entries({ ...SMS_ENV, TENCENT_SMS_ENDPOINT: standIn.url })) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  reloadConfig();
  // The models take seconds per image on a busy two-core machine: the gateway's budget per subgraph call is widened.
  platform = await startTestPlatform({ gateway: { subgraphTimeoutMs: 120_000 } });
}, 300_000);
afterAll(async () => {
  await platform?.stop();
  await standIn?.close();
  await closeOcr();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadConfig();
});

/** The newest code the stand-in received for a mobile (the vendor's template parameter). */
function latestCode(mobile: string): string {
  const [message] = standIn.messages(mobile);
  const code = message?.code;
  if (!code) throw new Error(`the SMS stand-in holds no code for ${mobile}`);
  return code;
}

/** One SMS per mobile per minute: the test's clock moves past that window before each new code. */
const nextMinute = () => platform.clock.advance(61_000);

/**
 * A transfer as the app makes it: createTransfer, and when it waits for a step-up, an SMS challenge
 * bound to the amount, source and payee (code from the stand-in), then confirmTransfer.
 */
async function transfer(token: string, payer: DemoCustomer, input: Record<string, string>): Promise<TransferAnswer> {
  const created = await platform.query<{ createTransfer: TransferAnswer }>(operation('CreateTransfer'), {
    token,
    variables: { input: { idempotencyKey: `e2e-${randomUUID()}`, ...input } },
  });
  const answer = created.body.data?.createTransfer;
  if (!answer) throw new Error(JSON.stringify(created.body.errors));
  if (answer.__typename !== 'TransferChallengeRequired') return answer;
  nextMinute();
  const started = await platform.query<{ startChallenge: { id: string; method: string } }>(operation('StartChallenge'), {
    token,
    variables: {
      purpose: 'TRANSFER',
      method: 'SMS',
      context: {
        amount: input.amount,
        sourceAccountId: input.fromAccountId,
        payeeAccountNumber: input.toAccountNumber,
        payeeName: input.toName,
      },
    },
  });
  expect(started.body.errors).toBeUndefined();
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(operation('VerifyChallenge'), {
    token,
    variables: { id: started.body.data!.startChallenge.id, proof: { code: latestCode(payer.mobile) } },
  });
  expect(verified.body.errors).toBeUndefined();
  const confirmed = await platform.query<{ confirmTransfer: TransferAnswer }>(operation('ConfirmTransfer'), {
    token,
    variables: { orderId: answer.order!.id, challengeToken: verified.body.data!.verifyChallenge.token },
  });
  if (!confirmed.body.data) throw new Error(JSON.stringify(confirmed.body.errors));
  return confirmed.body.data.confirmTransfer;
}

test('a new mobile registers, verifies, opens a class II account, is assessed, is paid within its inflow limit and buys what suits it', async () => {
  // 1. Registration: the code comes by SMS (a signed SendSms call to the stand-in).
  const device = { deviceId: `e2e-device-${MOBILE}`, platform: 'IOS', appVersion: '6.2.0' };
  const started = await platform.query<{ startRegistration: { registrationId: string } }>(operation('StartRegistration'), {
    variables: { input: { mobile: MOBILE, device } },
  });
  expect(started.body.errors).toBeUndefined();
  expect(standIn.messages(MOBILE)[0]).toMatchObject({ templateId: '100003', signName: SMS_ENV.SMS_SIGN_NAME });
  const registered = await platform.query<{ completeRegistration: { accessToken: string; userId: string } }>(
    operation('CompleteRegistration'),
    {
      variables: {
        input: {
          registrationId: started.body.data!.startRegistration.registrationId,
          code: latestCode(MOBILE),
          name: NAME,
          password: 'Harvest2026',
        },
      },
    },
  );
  expect(registered.body.errors).toBeUndefined();
  const { accessToken: token, userId } = registered.body.data!.completeRegistration;

  // 2. Real-name verification: both sides of a generated card whose photo shows the holder's face, then a selfie.
  const read = await readIdCard(platform, token, card);
  expect(read.body.errors).toBeUndefined();
  const reading = read.body.data!.readIdCard;
  expect(reading).toMatchObject({
    maskedIdNumber: maskIdNumber(card.holder.idNumber),
    birthDate: card.holder.birthDate,
    sex: card.holder.sex,
  });
  const verified = await completeRealNameVerification(platform, token, {
    verificationId: reading.verificationId,
    selfie: holder.selfie,
    sex: reading.sex,
  });
  expect(verified.body.errors).toBeUndefined();
  expect(verified.body.data!.completeRealNameVerification).toMatchObject({
    status: 'VERIFIED',
    user: { id: userId, kycLevel: 'FULL', maskedIdNumber: maskIdNumber(card.holder.idNumber) },
  });

  // 3. The electronic-account agreement, then a class II account bound to another bank's card in the customer's name.
  await signElectronicAccountAgreement(platform, token);
  const opened = await openElectronicAccount(platform, token, {
    accountClass: 'II',
    boundAccountNumber: OTHER_BANK_CARD,
    boundBankName: '中国工商银行',
    idempotencyKey: `e2e-open-${randomUUID()}`,
  });
  expect(opened.body.errors).toBeUndefined();
  const classII = opened.body.data!.openElectronicAccount;
  expect(classII).toMatchObject({
    accountClass: 'II',
    status: 'ACTIVE',
    balance: { amount: '0.00' },
    boundTo: { bankName: '中国工商银行', maskedAccountNumber: expect.stringMatching(/3445$/) },
  });
  const classIINumber = (await platform.store('account').account.findUniqueOrThrow({ where: { id: classII.id } })).number;

  // 4. The risk questionnaire: C2.
  const assessed = await platform.query<{ submitRiskQuestionnaire: { grade: string } }>(operation('SubmitRiskQuestionnaire'), {
    token,
    variables: { input: { questionnaireVersion: '2026.1', answers: C2_ANSWERS } },
  });
  expect(assessed.body.errors).toBeUndefined();
  expect(assessed.body.data!.submitRiskQuestionnaire.grade).toBe('C2');

  // 5. 9,000.00 from 张晓明 (13800000001): within the class II account's 10,000.00 a day from non-bound accounts.
  const zhangToken = await platform.login(zhang.mobile);
  const paid = await transfer(zhangToken, zhang, {
    fromAccountId: zhang.accounts[0]!.id,
    toAccountNumber: classIINumber,
    toName: NAME,
    amount: '9000.00',
  });
  expect(paid).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });

  // 6. A further 2,000.00 from another non-bound account the same day is refused on the payee's side; nothing moves.
  const liToken = await platform.login(li.mobile);
  const refused = await transfer(liToken, li, {
    fromAccountId: li.accounts[0]!.id,
    toAccountNumber: classIINumber,
    toName: NAME,
    amount: '2000.00',
  });
  expect(refused).toMatchObject({ __typename: 'TransferRejected', code: 'LIMIT_EXCEEDED', limit: 'CLASS_II_INFLOW_DAILY' });
  const accounts = await platform.query<{ accounts: { id: string; balance: { amount: string } }[] }>(
    '{ accounts { id balance { amount } } }',
    {
      token,
    },
  );
  expect(accounts.body.data!.accounts).toEqual([{ id: classII.id, balance: { amount: '9000.00' } }]);

  // 7. A product the C2 grade suits is bought from the class II account (its agreement offered and signed on the way);
  //    one it does not suit is refused before any order exists.
  const subscribe = (productId: string, amount: string) =>
    platform.query<{
      subscribeWealthProduct: { order: { id: string; status: string }; holding: unknown; challenge: { challengeId: string } | null };
    }>(operation('SubscribeWealthProduct'), {
      token,
      variables: { input: { productId, sourceAccountId: classII.id, amount, idempotencyKey: `e2e-buy-${randomUUID()}` } },
    });
  let asked = await subscribe(CASH_MANAGEMENT, '1000.00');
  if (refusal(asked.body)?.code === 'AGREEMENT_REQUIRED') {
    const signed = await platform.query(operation('SignAgreement'), {
      token,
      variables: { templateCode: refusal(asked.body)!.agreementCode },
    });
    expect(signed.body.errors).toBeUndefined();
    asked = await subscribe(CASH_MANAGEMENT, '1000.00');
  }
  expect(asked.body.errors).toBeUndefined();
  // A first purchase from a device registered minutes ago waits for a step-up bound to the order (SMS: no PIN yet).
  const { order } = asked.body.data!.subscribeWealthProduct;
  expect(order.status).toBe('CHALLENGE_REQUIRED');
  nextMinute();
  const challenge = await platform.query<{ startChallenge: { id: string } }>(operation('StartChallenge'), {
    token,
    variables: { purpose: 'PURCHASE', method: 'SMS', context: { orderId: order.id, amount: '1000.00', sourceAccountId: classII.id } },
  });
  expect(challenge.body.errors).toBeUndefined();
  const passed = await platform.query<{ verifyChallenge: { token: string } }>(operation('VerifyChallenge'), {
    token,
    variables: { id: challenge.body.data!.startChallenge.id, proof: { code: latestCode(MOBILE) } },
  });
  const bought = await platform.query<{ confirmOrder: { order: { status: string }; holding: { amount: { amount: string } } | null } }>(
    operation('ConfirmOrder'),
    { token, variables: { orderId: order.id, challengeToken: passed.body.data!.verifyChallenge.token } },
  );
  expect(bought.body.errors).toBeUndefined();
  expect(bought.body.data!.confirmOrder).toMatchObject({ order: { status: 'COMPLETED' }, holding: { amount: { amount: '1000.00' } } });

  const ordersBefore = await platform.store('finance').order.count({ where: { ownerId: userId } });
  const unsuitable = await subscribe(EQUITY, '1000.00');
  expect(refusal(unsuitable.body)).toMatchObject({ code: 'SUITABILITY_MISMATCH', field: 'input.productId' });
  expect(await platform.store('finance').order.count({ where: { ownerId: userId } })).toBe(ordersBefore);
}, 900_000);
