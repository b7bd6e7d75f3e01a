/**
 * Face match for real-name verification: exactly one face in the selfie and one on the ID-card
 * photo, quality hints for each, and the euclidean distance between their 128-d descriptors. The
 * threshold comes from measured distances (bench/README.md, "Real-name verification models"): it
 * is this platform's own figure on a small set, not a vendor's evaluation. A bad photo is an answer
 * with problems, never an exception.
 */
import { faceModels, type TensorFlow } from './faceModels';
import { faceHints, faceQuality, isTooSmall, type FaceHint, type FaceQuality } from './faceQuality';
import { decodePhoto, PhotoFormatError, type RgbaImage } from './photoDecoding';

/**
 * Descriptor distance at or below which two faces are taken as one person. On the benchmark set every
 * impostor pair was above 0.48 and every genuine pair whose faces were found at or below 0.49; 0.45
 * keeps false accepts at zero there and costs one genuine pair (a 10° rotation at 0.49).
 */
export const FACE_MATCH_THRESHOLD = 0.45;

/**
 * Detector confidence for counting a face at all. The detector scores grey photos (a photocopied
 * card) far lower than colour ones — 0.3 where the colour original scores 0.95 — so this is low, and a
 * low score is a hint rather than a refusal.
 */
const MIN_FACE_SCORE = 0.25;
/** Photos are shrunk to this longest side first: detection runs at 512 px anyway, and it bounds memory. */
const MAX_SIDE = 1280;

/** Problems that stop a comparison. */
export type FaceProblem = 'PHOTO_UNREADABLE' | 'NO_FACE' | 'MULTIPLE_FACES' | 'FACE_TOO_SMALL';

export interface FaceAnalysis {
  faceCount: number;
  /** Present when exactly one face was found. */
  quality?: FaceQuality;
  descriptor?: Float32Array;
  problems: FaceProblem[];
  /** Quality and liveness hints for the capture screen. */
  hints: FaceHint[];
}

export interface FaceMatchResult {
  selfie: FaceAnalysis;
  idPhoto: FaceAnalysis;
  /** Euclidean distance of the descriptors; null when either photo has no single face. */
  distance: number | null;
  threshold: number;
  /** Both photos have one comparable face each and the distance is within the threshold (hints aside). */
  match: boolean;
}

function tensorOf(tf: typeof TensorFlow, image: RgbaImage) {
  return tf.tidy(() => {
    const rgba = tf.tensor3d(image.data, [image.height, image.width, 4], 'int32');
    const rgb = tf.slice(rgba, [0, 0, 0], [-1, -1, 3]);
    const factor = MAX_SIDE / Math.max(image.width, image.height);
    if (factor >= 1) return rgb;
    const size: [number, number] = [Math.round(image.height * factor), Math.round(image.width * factor)];
    return tf.cast(tf.image.resizeBilinear(rgb as TensorFlow.Tensor3D, size), 'int32');
  }) as TensorFlow.Tensor3D;
}

/** Finds the faces in one photo and describes the face when there is exactly one. */
export async function analyzeFace(photo: Buffer): Promise<FaceAnalysis> {
  let image: RgbaImage;
  try {
    image = decodePhoto(photo);
  } catch (error) {
    if (error instanceof PhotoFormatError) return { faceCount: 0, problems: ['PHOTO_UNREADABLE'], hints: [] };
    throw error;
  }
  const { tf, faceapi } = await faceModels();
  const input = tensorOf(tf, image);
  try {
    const faces = await faceapi
      .detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_FACE_SCORE }))
      .withFaceLandmarks()
      .withFaceDescriptors();
    if (faces.length === 0) return { faceCount: 0, problems: ['NO_FACE'], hints: [] };
    if (faces.length > 1) return { faceCount: faces.length, problems: ['MULTIPLE_FACES'], hints: [] };
    const face = faces[0]!;
    const quality = faceQuality(face.landmarks.positions, { score: face.detection.score, width: face.detection.box.width }, input.shape[1]);
    if (isTooSmall(quality)) return { faceCount: 1, quality, problems: ['FACE_TOO_SMALL'], hints: faceHints(quality) };
    return { faceCount: 1, quality, descriptor: face.descriptor, problems: [], hints: faceHints(quality) };
  } finally {
    input.dispose();
  }
}

export function descriptorDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index]! - b[index]!) ** 2;
  return Math.sqrt(sum);
}

/** Compares the selfie with the face on the ID-card photo. */
export async function matchFaces(selfie: Buffer, idPhoto: Buffer): Promise<FaceMatchResult> {
  const selfieAnalysis = await analyzeFace(selfie);
  const idAnalysis = await analyzeFace(idPhoto);
  const distance =
    selfieAnalysis.descriptor && idAnalysis.descriptor ? descriptorDistance(selfieAnalysis.descriptor, idAnalysis.descriptor) : null;
  const match = distance !== null && distance <= FACE_MATCH_THRESHOLD;
  return { selfie: selfieAnalysis, idPhoto: idAnalysis, distance, threshold: FACE_MATCH_THRESHOLD, match };
}
