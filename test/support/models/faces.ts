/**
 * Face photos for the face-match tests and the benchmark, from the sample photos that ship in
 * @vladmandic/face-api's `demo/` folder (group photos). Each clearly detected face is cropped into a
 * "selfie"; its transformed copies stand in for the same person's photo on an ID card.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { faceModels } from '../../../subgraphs/user/service/verification/faceModels';
import { decodePhoto } from '../../../subgraphs/user/service/verification/photoDecoding';
import { decodeJpeg, encodeJpeg, greyscale, rotate, scale, type Raster } from './raster';

const DEMO_DIRECTORY = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
export const SAMPLE_PHOTOS = [1, 2, 3, 4, 5, 6].map((index) => join(DEMO_DIRECTORY, `sample${index}.jpg`));

export interface SampleFace {
  /** `sample<photo>#<face>`. */
  id: string;
  photo: number;
  /** A JPEG crop around the face (1.8 × its box). */
  selfie: Buffer;
}

/** Faces the detector is sure of (score ≥ 0.9), so every crop holds one clear face. */
const SURE_FACE = 0.9;

function crop(image: Raster, x: number, y: number, width: number, height: number): Raster {
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const right = Math.min(image.width, Math.round(x + width));
  const bottom = Math.min(image.height, Math.round(y + height));
  const out: Raster = { width: right - left, height: bottom - top, data: new Uint8Array((right - left) * (bottom - top) * 4) };
  for (let row = 0; row < out.height; row++) {
    const from = ((top + row) * image.width + left) * 4;
    out.data.set(image.data.subarray(from, from + out.width * 4), row * out.width * 4);
  }
  return out;
}

export async function sampleFaces(photos: number[] = [1, 2, 3, 4, 5, 6]): Promise<SampleFace[]> {
  const { tf, faceapi } = await faceModels();
  const faces: SampleFace[] = [];
  for (const photo of photos) {
    const file = readFileSync(SAMPLE_PHOTOS[photo - 1]!);
    const image = decodePhoto(file);
    const input = tf.tidy(() => tf.slice(tf.tensor3d(image.data, [image.height, image.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]));
    const detections = await faceapi.detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence: SURE_FACE }));
    input.dispose();
    detections
      .sort((a, b) => a.box.x - b.box.x)
      .forEach((detection, index) => {
        const { x, y, width, height } = detection.box;
        const side = Math.max(width, height) * 1.8;
        const selfie = crop(image, x + width / 2 - side / 2, y + height / 2 - side / 2, side, side);
        faces.push({ id: `sample${photo}#${index}`, photo, selfie: encodeJpeg(selfie, 90) });
      });
  }
  return faces;
}

export type FaceTransform = 'card-size' | 'greyscale' | 'jpeg-30' | 'rotate+10' | 'rotate-10' | 'id-card';

/** The card's photo box is about 210 px wide in a phone photo of the card (test/support/models/idCards.ts). */
const CARD_PHOTO_WIDTH = 210;

/** A transformed copy of a selfie, as JPEG. */
export function transformFace(selfie: Buffer, transform: FaceTransform): Buffer {
  const image = decodeJpeg(selfie);
  const cardSize = () => scale(image, CARD_PHOTO_WIDTH / image.width);
  switch (transform) {
    case 'card-size':
      return encodeJpeg(cardSize(), 90);
    case 'greyscale':
      return encodeJpeg(greyscale(image), 90);
    case 'jpeg-30':
      return encodeJpeg(image, 30);
    case 'rotate+10':
      return encodeJpeg(rotate(image, 10, [128, 128, 128]), 90);
    case 'rotate-10':
      return encodeJpeg(rotate(image, -10, [128, 128, 128]), 90);
    case 'id-card':
      // All at once: a small, grey, heavily compressed print.
      return encodeJpeg(greyscale(cardSize()), 50);
  }
}

export const FACE_TRANSFORMS: FaceTransform[] = ['card-size', 'greyscale', 'jpeg-30', 'rotate+10', 'rotate-10', 'id-card'];
