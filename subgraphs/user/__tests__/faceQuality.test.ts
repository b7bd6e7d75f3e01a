import { eyeAspectRatio, faceHints, faceQuality, isTooSmall, type Point } from '../service/verification/faceQuality';

/** 68 landmarks of an upright frontal face: eyes at y = 100, nose tip below their midpoint. */
function landmarks({ eyeHeight = 6, noseX = 150, tilt = 0 } = {}): Point[] {
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 150, y: 150 }));
  const eye = (left: number): Point[] => [
    { x: left, y: 100 },
    { x: left + 7, y: 100 - eyeHeight / 2 },
    { x: left + 13, y: 100 - eyeHeight / 2 },
    { x: left + 20, y: 100 },
    { x: left + 13, y: 100 + eyeHeight / 2 },
    { x: left + 7, y: 100 + eyeHeight / 2 },
  ];
  points.splice(36, 12, ...eye(110), ...eye(170));
  points[30] = { x: noseX, y: 130 };
  // Tilt: every point turned about (150, 100).
  const radians = (tilt * Math.PI) / 180;
  return points.map(({ x, y }) => ({
    x: 150 + (x - 150) * Math.cos(radians) - (y - 100) * Math.sin(radians),
    y: 100 + (x - 150) * Math.sin(radians) + (y - 100) * Math.cos(radians),
  }));
}

const detection = { score: 0.95, width: 120 };

test('eye aspect ratio: height over width of the eye', () => {
  expect(eyeAspectRatio(landmarks().slice(36, 42))).toBeCloseTo(6 / 20);
});

test('a frontal, open-eyed, upright face has no hints', () => {
  const quality = faceQuality(landmarks(), detection, 600);
  expect(quality).toMatchObject({ faceWidth: 120, faceShare: 0.2, yaw: 0, rollDegrees: 0 });
  expect(faceHints(quality)).toEqual([]);
  expect(isTooSmall(quality)).toBe(false);
});

test('closed eyes, a turned face, a tilted head and a weak detection each give their hint', () => {
  expect(faceHints(faceQuality(landmarks({ eyeHeight: 1 }), detection, 600))).toEqual(['EYES_CLOSED']);
  expect(faceHints(faceQuality(landmarks({ noseX: 175 }), detection, 600))).toEqual(['FACE_TURNED']);
  expect(faceHints(faceQuality(landmarks({ tilt: 35 }), detection, 600))).toEqual(['HEAD_TILTED']);
  expect(faceHints(faceQuality(landmarks(), { score: 0.4, width: 120 }, 600))).toEqual(['LOW_DETECTION_SCORE']);
});

test('a tilted but frontal face does not read as turned', () => {
  expect(faceQuality(landmarks({ tilt: 20 }), detection, 600).yaw).toBeCloseTo(0);
});

test('a face narrower than 60 px is too small to compare', () => {
  expect(isTooSmall(faceQuality(landmarks(), { score: 0.95, width: 50 }, 600))).toBe(true);
});
