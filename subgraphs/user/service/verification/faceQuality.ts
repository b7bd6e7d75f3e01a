/**
 * Quality and liveness hints from the 68 face landmarks (iBUG 300-W numbering: 36–41 and 42–47 the
 * eyes, 30 the nose tip). A still photo cannot prove liveness; these say whether it looks like a
 * frontal, open-eyed, large enough face, which is what a live capture screen asks of the customer.
 */

export interface Point {
  x: number;
  y: number;
}

export interface FaceQuality {
  /** Detector score, 0–1. */
  detectionScore: number;
  /** Face box width in pixels. */
  faceWidth: number;
  /** Face box width over photo width. */
  faceShare: number;
  /** Eye aspect ratio averaged over both eyes: about 0.25–0.35 open, below 0.15 closed. */
  eyeOpenness: number;
  /** Nose tip's offset from the eyes' midpoint over the eye distance: 0 frontal, ±0.3 clearly turned. */
  yaw: number;
  /** Angle of the line through the eye centres, degrees. */
  rollDegrees: number;
}

/** What a capture screen would ask the customer to fix; the match itself does not depend on them. */
export type FaceHint = 'EYES_CLOSED' | 'FACE_TURNED' | 'HEAD_TILTED' | 'LOW_DETECTION_SCORE';

/** Below this the 128-d descriptor is computed from an upscaled blur. */
export const MIN_FACE_WIDTH = 60;
export const MIN_EYE_OPENNESS = 0.15;
export const MAX_YAW = 0.3;
export const MAX_ROLL_DEGREES = 25;
export const MIN_DETECTION_SCORE = 0.6;

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** Soukupová and Čech's eye aspect ratio of six eye points (corner, two upper, corner, two lower). */
export function eyeAspectRatio(eye: readonly Point[]): number {
  const [p1, p2, p3, p4, p5, p6] = eye as [Point, Point, Point, Point, Point, Point];
  return (distance(p2, p6) + distance(p3, p5)) / (2 * distance(p1, p4));
}

const centre = (points: readonly Point[]): Point => ({
  x: points.reduce((sum, point) => sum + point.x, 0) / points.length,
  y: points.reduce((sum, point) => sum + point.y, 0) / points.length,
});

export function faceQuality(landmarks: readonly Point[], detection: { score: number; width: number }, photoWidth: number): FaceQuality {
  const leftEye = landmarks.slice(36, 42);
  const rightEye = landmarks.slice(42, 48);
  const leftCentre = centre(leftEye);
  const rightCentre = centre(rightEye);
  const eyeDistance = distance(leftCentre, rightCentre);
  const nose = landmarks[30]!;
  const eyesMiddle = centre([leftCentre, rightCentre]);
  // The nose tip's offset along the eye line, so a tilted head does not read as turned.
  const along =
    ((nose.x - eyesMiddle.x) * (rightCentre.x - leftCentre.x) + (nose.y - eyesMiddle.y) * (rightCentre.y - leftCentre.y)) / eyeDistance;
  return {
    detectionScore: detection.score,
    faceWidth: detection.width,
    faceShare: detection.width / photoWidth,
    eyeOpenness: (eyeAspectRatio(leftEye) + eyeAspectRatio(rightEye)) / 2,
    yaw: along / eyeDistance,
    rollDegrees: (Math.atan2(rightCentre.y - leftCentre.y, rightCentre.x - leftCentre.x) * 180) / Math.PI,
  };
}

/** A face narrower than MIN_FACE_WIDTH cannot be compared. */
export const isTooSmall = (quality: FaceQuality) => quality.faceWidth < MIN_FACE_WIDTH;

export function faceHints(quality: FaceQuality): FaceHint[] {
  const problems: FaceHint[] = [];
  if (quality.eyeOpenness < MIN_EYE_OPENNESS) problems.push('EYES_CLOSED');
  if (Math.abs(quality.yaw) > MAX_YAW) problems.push('FACE_TURNED');
  if (Math.abs(quality.rollDegrees) > MAX_ROLL_DEGREES) problems.push('HEAD_TILTED');
  if (quality.detectionScore < MIN_DETECTION_SCORE) problems.push('LOW_DETECTION_SCORE');
  return problems;
}
