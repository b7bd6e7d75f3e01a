import { readFileSync } from 'node:fs';
import { sampleFaces, SAMPLE_PHOTOS, transformFace, type SampleFace } from '../../../test/support/models/faces';
import { analyzeFace, matchFaces } from '../service/verification/faceMatch';

let faces: SampleFace[];

beforeAll(async () => {
  faces = await sampleFaces([6]);
});

test('accepts a selfie against its small, grey, compressed print on a card', async () => {
  const face = faces[0]!;
  const result = await matchFaces(face.selfie, transformFace(face.selfie, 'id-card'));
  expect(result.selfie).toMatchObject({ faceCount: 1, problems: [] });
  expect(result.idPhoto).toMatchObject({ faceCount: 1, problems: [] });
  expect(result.distance).toBeLessThanOrEqual(result.threshold);
  expect(result.match).toBe(true);
});

test('rejects two different people', async () => {
  const result = await matchFaces(faces[0]!.selfie, faces[1]!.selfie);
  expect(result.distance).toBeGreaterThan(result.threshold);
  expect(result.match).toBe(false);
});

test('a group photo is not one face, and a file that is no photo is a problem', async () => {
  expect(await analyzeFace(readFileSync(SAMPLE_PHOTOS[5]!))).toMatchObject({ problems: ['MULTIPLE_FACES'] });
  const result = await matchFaces(Buffer.from('not a photo'), faces[0]!.selfie);
  expect(result).toMatchObject({ selfie: { problems: ['PHOTO_UNREADABLE'] }, distance: null, match: false });
});
