import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { fetch } from 'undici';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { encryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { REAL_NAME_VERIFICATION } from '../../subgraphs/user/encryptedColumns';
import { userWorkers } from '../../subgraphs/user/workers';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { completeRealNameVerification, readIdCard, registerBasicCustomer, type BasicCustomer } from '../support/realNameVerification';

/**
 * Real-name verification's refusals and bookkeeping that need no model (the photo never reaches OCR or the face
 * detector): who may verify, photo size and format, the verification's state (owner, expiry, attempts, sex), the
 * missing public-security register, the HTTP body limits, and the retention job on the manual clock. What needs the
 * models (a card read, a face matched) is in realNameVerification.models.test.ts.
 */
let platform: TestPlatform;
let customer: BasicCustomer;
const [zhang] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
  customer = await registerBasicCustomer(platform);
});
afterAll(() => platform.stop());

const CHANNELS = ['WEB', 'MOBILE_APP', 'WECHAT_BANKING', 'WECHAT_MINI', 'ALIPAY_MINI'] as const;

/** A decodable PNG with no card or face on it (8 × 8 grey). */
function tinyPng(): Buffer {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(128);
  return PNG.sync.write(png);
}
const NOT_A_PHOTO = Buffer.from('this is not an image').toString('base64');

type Body = { errors?: { extensions?: Record<string, unknown> }[] };
const refusalOf = (body: Body) => {
  const extensions = body.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, reason: extensions.reason, field: extensions.field };
};

/** A verification row as step 1 leaves it, written directly (step 1 itself needs the OCR model). */
async function storedVerification(customerId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  const reading = {
    idNumber: '110105198111216023',
    birthDate: '1981-11-21',
    birthDateConfirmedOnCard: true,
    sex: 'FEMALE',
    validFrom: '2008-07-06',
    validUntil: '2028-07-06',
    validUntilInferred: false,
    confidence: { idNumber: 0.9, birthDate: 0.95, sex: 0.9, validity: 0.9 },
  };
  const now = platform.clock.now();
  await platform.store('user').realNameVerification.create({
    data: {
      id,
      customerId,
      channel: 'MOBILE_APP',
      status: 'READ',
      readingCipher: encryptField(JSON.stringify(reading), fieldBinding(REAL_NAME_VERIFICATION, 'reading_cipher', id)),
      portraitCipher: encryptField(tinyPng().toString('base64'), fieldBinding(REAL_NAME_VERIFICATION, 'portrait_cipher', id)),
      emblemCipher: encryptField(tinyPng().toString('base64'), fieldBinding(REAL_NAME_VERIFICATION, 'emblem_cipher', id)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 30 * 60_000),
      ...overrides,
    },
  });
  return id;
}

test('every customer channel has both trusted documents', () => {
  for (const channel of CHANNELS) {
    expect(readOperationDocument(channel, 'ReadIdCard')).toContain('readIdCard(input: $input)');
    expect(readOperationDocument(channel, 'CompleteRealNameVerification')).toContain('completeRealNameVerification(input: $input)');
  }
});

test('a photo that is not a JPEG or PNG is refused with the field, before any model runs', async () => {
  const portrait = await readIdCard(platform, customer.token, { portraitSide: NOT_A_PHOTO, emblemSide: tinyPng() });
  expect(refusalOf(portrait.body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'PHOTO_UNREADABLE', field: 'input.portraitSide' });
  const emblem = await readIdCard(platform, customer.token, { portraitSide: tinyPng(), emblemSide: 'not base64!' });
  expect(refusalOf(emblem.body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'PHOTO_UNREADABLE', field: 'input.emblemSide' });
  expect(await platform.store('user').realNameVerification.count({ where: { customerId: customer.userId } })).toBe(0);
});

test('a photo over 1.5 MB is refused with its field; the gateway takes the two-photo request from a signed-in customer', async () => {
  const tooLarge = Buffer.alloc(1.6 * 1024 * 1024, 7);
  const { status, body } = await readIdCard(platform, customer.token, { portraitSide: tinyPng(), emblemSide: tooLarge });
  expect(status).toBe(200);
  expect(refusalOf(body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'PHOTO_TOO_LARGE', field: 'input.emblemSide' });
  expect(body.errors?.[0]?.extensions?.maxBytes).toBe(1.5 * 1024 * 1024);
});

test('the HTTP body limits: 5 MiB for a signed-in caller, 1 MiB without a token', async () => {
  const post = (size: number, token?: string) =>
    fetch(platform.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-channel': 'MOBILE_APP',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(size) } }),
    });
  expect((await post(2 * 1024 * 1024)).status).toBe(413);
  expect((await post(2 * 1024 * 1024, customer.token)).status).toBe(200);
  expect((await post(5 * 1024 * 1024 + 1, customer.token)).status).toBe(413);
});

test('a customer already verified (FULL) is refused', async () => {
  const token = await platform.login(zhang!.mobile);
  const { body } = await readIdCard(platform, token, { portraitSide: tinyPng(), emblemSide: tinyPng() });
  expect(refusalOf(body).code).toBe('ALREADY_VERIFIED');
  const completed = await completeRealNameVerification(platform, token, { verificationId: randomUUID(), selfie: tinyPng(), sex: 'MALE' });
  expect(refusalOf(completed.body).code).toBe('ALREADY_VERIFIED');
});

test('OPS cannot verify for a customer', async () => {
  const { body } = await platform.callCenter(
    'user',
    'mutation($input: ReadIdCardInput!) { readIdCard(input: $input) { verificationId } }',
    {
      variables: { input: { portraitSide: tinyPng().toString('base64'), emblemSide: tinyPng().toString('base64') } },
      as: { customerId: customer.userId, channel: 'OPS' },
    },
  );
  expect(refusalOf(body).code).toBe('FORBIDDEN');
});

test("another customer's, an unknown, an expired or a spent verification is refused; a wrong sex too", async () => {
  const other = await storedVerification(zhang!.id);
  const notMine = await completeRealNameVerification(platform, customer.token, { verificationId: other, selfie: tinyPng(), sex: 'FEMALE' });
  expect(refusalOf(notMine.body)).toEqual({ code: 'NOT_FOUND', reason: undefined, field: 'input.verificationId' });
  const unknown = await completeRealNameVerification(platform, customer.token, {
    verificationId: randomUUID(),
    selfie: tinyPng(),
    sex: 'FEMALE',
  });
  expect(refusalOf(unknown.body).code).toBe('NOT_FOUND');

  const expired = await storedVerification(customer.userId, { expiresAt: platform.clock.now() });
  const late = await completeRealNameVerification(platform, customer.token, { verificationId: expired, selfie: tinyPng(), sex: 'FEMALE' });
  expect(refusalOf(late.body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'VERIFICATION_EXPIRED', field: 'input.verificationId' });

  const spent = await storedVerification(customer.userId, { attempts: 3, status: 'FAILED', failureReason: 'FACES_DIFFER' });
  const again = await completeRealNameVerification(platform, customer.token, { verificationId: spent, selfie: tinyPng(), sex: 'FEMALE' });
  expect(refusalOf(again.body)).toEqual({ code: 'TOO_MANY_ATTEMPTS', reason: 'FACES_DIFFER', field: 'input.verificationId' });

  const open = await storedVerification(customer.userId);
  const wrongSex = await completeRealNameVerification(platform, customer.token, { verificationId: open, selfie: tinyPng(), sex: 'MALE' });
  expect(refusalOf(wrongSex.body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'SEX_MISMATCH', field: 'input.sex' });
  const badSelfie = await completeRealNameVerification(platform, customer.token, {
    verificationId: open,
    selfie: NOT_A_PHOTO,
    sex: 'FEMALE',
  });
  expect(refusalOf(badSelfie.body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'PHOTO_UNREADABLE', field: 'input.selfie' });
  // None of these spent an attempt or changed the customer.
  expect((await platform.store('user').realNameVerification.findUnique({ where: { id: open } }))?.attempts).toBe(0);
  expect((await platform.store('user').customer.findUnique({ where: { id: customer.userId } }))?.kycLevel).toBe('BASIC');
});

test('the retention job deletes the photos and reading of unverified verifications after 30 days, never a verified one', async () => {
  const store = platform.store('user');
  const abandoned = await storedVerification(customer.userId);
  const failed = await storedVerification(customer.userId, {
    status: 'FAILED',
    attempts: 3,
    failureReason: 'FACES_DIFFER',
    faceDistance: 0.6,
  });
  const verified = await storedVerification(zhang!.id, { status: 'VERIFIED', completedAt: platform.clock.now(), faceDistance: 0.2 });
  const [retention] = userWorkers(store, platform.clock);
  expect(retention!.name).toBe('verification-image-retention');

  platform.clock.advance(29 * 24 * 60 * 60_000);
  await retention!.runOnce();
  expect((await store.realNameVerification.findUnique({ where: { id: abandoned } }))?.portraitCipher).not.toBeNull();

  platform.clock.advance(2 * 24 * 60 * 60_000);
  while ((await retention!.runOnce()) > 0);
  const rows = await store.realNameVerification.findMany({ where: { id: { in: [abandoned, failed, verified] } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of [abandoned, failed]) {
    expect(byId.get(id)).toMatchObject({
      portraitCipher: null,
      emblemCipher: null,
      readingCipher: null,
      imagesDeletedAt: platform.clock.now(),
    });
  }
  // The audit record of the failed attempt stays.
  expect(byId.get(failed)).toMatchObject({ status: 'FAILED', attempts: 3, faceDistance: 0.6 });
  expect(byId.get(verified)?.portraitCipher).not.toBeNull();
  expect(byId.get(verified)?.imagesDeletedAt).toBeNull();
});

describe('without a public-security register (production configures none yet)', () => {
  let bare: TestPlatform;
  beforeAll(async () => {
    bare = await startTestPlatform({ centers: ['user'], gateway: false, development: { realNameStandIn: false } });
  });
  afterAll(() => bare.stop());

  test('every verification is refused with SERVICE_UNAVAILABLE, reason REAL_NAME_PROVIDER_MISSING', async () => {
    const registered = await bare.callCenter<{ registerCustomer: { userId: string } }>(
      'user',
      'mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { userId } }',
      { variables: { input: { mobile: '13900009902', name: '孙无源' } }, as: { service: 'auth', scopes: ['user:customer:register'] } },
    );
    const userId = registered.body.data!.registerCustomer.userId;
    const read = await bare.callCenter('user', 'mutation($input: ReadIdCardInput!) { readIdCard(input: $input) { verificationId } }', {
      variables: { input: { portraitSide: tinyPng().toString('base64'), emblemSide: tinyPng().toString('base64') } },
      as: { customerId: userId, channel: 'MOBILE_APP' },
    });
    expect(refusalOf(read.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'REAL_NAME_PROVIDER_MISSING' });
    const complete = await bare.callCenter(
      'user',
      'mutation($input: CompleteRealNameVerificationInput!) { completeRealNameVerification(input: $input) { status } }',
      {
        variables: { input: { verificationId: randomUUID(), selfie: tinyPng().toString('base64'), sex: 'MALE' } },
        as: { customerId: userId, channel: 'MOBILE_APP' },
      },
    );
    expect(refusalOf(complete.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'REAL_NAME_PROVIDER_MISSING' });
  });
});
