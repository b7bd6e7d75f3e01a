/**
 * A real-name verified customer's forgotten password, with the real face model: the SMS code alone is
 * not enough — the selfie must be the face of the verified ID card (the user center compares it). An
 * impostor's selfie is FACE_MISMATCH with attempts left (the code is not asked again), the holder's
 * completes the reset.
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { closeOcr } from '../../subgraphs/user/service/verification/ocrEngine';
import { sampleFaces, type SampleFace } from '../support/models/faces';
import { generateCardWithPortrait } from '../support/models/idCards';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { completeRealNameVerification, readIdCard, registerBasicCustomer } from '../support/realNameVerification';
import { latestSmsCode } from './helpers';

let platform: TestPlatform;
let faces: SampleFace[];

beforeAll(async () => {
  // The faces first: finding them blocks this process (the servers' too) for seconds.
  faces = await sampleFaces([1, 2]);
  platform = await startTestPlatform({ centers: ['auth', 'user'], gateway: { subgraphTimeoutMs: 120_000 } });
}, 300_000);
afterAll(async () => {
  await platform?.stop();
  await closeOcr();
});

const operation = (name: string) => readOperationDocument('MOBILE_APP', name);
const extensionsOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;

test('a verified customer resets the password only with the face of the verified card', async () => {
  const holder = faces[0]!;
  const impostor = faces[3]!;
  const card = generateCardWithPortrait(11, holder.selfie);
  const customer = await registerBasicCustomer(platform, '钱刷脸');
  const reading = (await readIdCard(platform, customer.token, card)).body.data!.readIdCard;
  const verified = await completeRealNameVerification(platform, customer.token, {
    verificationId: reading.verificationId,
    selfie: holder.selfie,
    sex: reading.sex,
  });
  expect(verified.body.data?.completeRealNameVerification.status).toBe('VERIFIED');

  platform.clock.advance(61_000);
  const started = await platform.query<{ startPasswordReset: { resetId: string } }>(operation('StartPasswordReset'), {
    variables: { input: { mobile: customer.mobile } },
  });
  const resetId = started.body.data!.startPasswordReset.resetId;
  const code = await latestSmsCode(platform, customer.mobile);
  const complete = (selfie: Buffer) =>
    platform.query<{ completePasswordReset: { sessionsEnded: number } }>(operation('CompletePasswordReset'), {
      variables: { input: { resetId, code, newPassword: 'FaceProof2026', selfie: selfie.toString('base64') } },
    });

  const refused = await complete(impostor.selfie);
  expect(extensionsOf(refused.body)).toMatchObject({ code: 'FACE_MISMATCH', field: 'input.selfie', reason: 'MISMATCH', attemptsLeft: 2 });
  // The old password still works: nothing changed.
  const credential = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: customer.userId } });
  const done = await complete(holder.selfie);
  expect(done.body).toEqual({ data: { completePasswordReset: { sessionsEnded: 1 } } });
  const after = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: customer.userId } });
  expect(after.passwordHash).not.toBe(credential.passwordHash);
  expect(await platform.store('auth').passwordReset.findUniqueOrThrow({ where: { id: resetId } })).toMatchObject({ faceAttempts: 2 });
}, 600_000);
