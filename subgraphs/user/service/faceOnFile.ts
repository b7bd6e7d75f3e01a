/**
 * A selfie compared with the face the customer was verified with: the photo of the ID card's
 * portrait side kept from their VERIFIED real-name verification (an identification record, kept
 * while the relationship lasts: SECURITY.md). The auth center asks it before it lets a forgotten
 * login password be reset, so that an SMS code alone (a swapped SIM) cannot take over a verified
 * customer's sign-in. The selfie itself is never stored; the distance is logged, never answered.
 */
import type { Logger } from '../../../platform/observability/logger';
import { decryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { PrismaClient } from '../__generated__/prisma/client';
import { REAL_NAME_VERIFICATION } from '../encryptedColumns';
import { photoFromInput } from './realNameVerification';
import { analyzeFace, descriptorDistance, FACE_MATCH_THRESHOLD } from './verification/faceMatch';

/** MATCH / MISMATCH, or why no comparison was made. */
export type FaceOnFileOutcome = 'MATCH' | 'MISMATCH' | 'NO_FACE_ON_FILE' | 'SELFIE_UNUSABLE';

export async function matchFaceOnFile(
  prisma: PrismaClient,
  log: Logger,
  customerId: string,
  selfieBase64: string,
): Promise<FaceOnFileOutcome> {
  const verified = await prisma.realNameVerification.findFirst({
    where: { customerId, status: 'VERIFIED', portraitCipher: { not: null } },
    orderBy: { completedAt: 'desc' },
  });
  if (!verified) return 'NO_FACE_ON_FILE';
  const selfie = photoFromInput(selfieBase64, ['selfie']);
  const portrait = Buffer.from(
    decryptField(verified.portraitCipher!, fieldBinding(REAL_NAME_VERIFICATION, 'portrait_cipher', verified.id)),
    'base64',
  );
  const [selfieFace, cardFace] = [await analyzeFace(selfie), await analyzeFace(portrait)];
  if (!cardFace.descriptor) return 'NO_FACE_ON_FILE';
  if (!selfieFace.descriptor) return 'SELFIE_UNUSABLE';
  const distance = descriptorDistance(selfieFace.descriptor, cardFace.descriptor);
  const outcome = distance <= FACE_MATCH_THRESHOLD ? 'MATCH' : 'MISMATCH';
  log.info({ customerId, verificationId: verified.id, outcome, distance }, 'face on file compared');
  return outcome;
}
