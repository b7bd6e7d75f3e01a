/**
 * Fictitious resident ID cards drawn in code for the OCR tests and the benchmark: the portrait side
 * (name, sex, birth date, address and the 18-digit number) and the emblem side (issuing authority and
 * validity period) on the card's 85.6 × 54 mm layout at 10 px/mm. Chinese text is drawn as blocky
 * marks — the bitmap font has Latin glyphs only, and the English OCR model cannot read it anyway —
 * so the OCR meets the card's real mix of characters it must skip and digits it must read. Every card
 * has a valid check character and a validity term that fits the holder's age at issue.
 */
import { checkCharacterOf, type Sex } from '../../../subgraphs/user/service/verification/residentIdNumber';
import { termForAge, wholeYearsBetween } from '../../../subgraphs/user/service/verification/validityPeriod';
import { seededRandom, type Random } from './random';
import {
  addNoise,
  blank,
  blur,
  composite,
  decodeJpeg,
  drawText,
  encodeJpeg,
  fillRect,
  rotate,
  scale,
  type Raster,
  type Rgb,
} from './raster';

export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;

export interface CardHolder {
  idNumber: string;
  birthDate: string;
  sex: Sex;
  validFrom: string;
  /** null: long-term. */
  validUntil: string | null;
}

export interface Degradation {
  /** Box-blur radius in pixels (0: none). */
  blur: number;
  /** Standard deviation of the Gaussian noise added to each channel (0: none). */
  noise: number;
  /** Degrees, counter-clockwise. */
  rotation: number;
  jpegQuality: number;
}

export interface GeneratedCard {
  holder: CardHolder;
  degradation: Degradation;
  portraitSide: Buffer;
  emblemSide: Buffer;
}

const REGION_CODES = ['110105', '310104', '440305', '320102', '510107', '330106', '420111', '610113', '370202', '500103'];

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A holder born 1940–2008 whose card was issued after 16 and at most 19 years ago. */
export function fictitiousHolder(random: Random, today = '2026-06-01'): CardHolder {
  const year = 1940 + Math.floor(random() * 69);
  const birthDate = `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const sequence = pad(Math.floor(random() * 1000), 3);
  const first17 = `${REGION_CODES[Math.floor(random() * REGION_CODES.length)]}${birthDate.replaceAll('-', '')}${sequence}`;
  const idNumber = first17 + checkCharacterOf(first17);
  const earliestIssue = Math.max(year + 16, Number(today.slice(0, 4)) - 19);
  const issueYear = earliestIssue + Math.floor(random() * (Number(today.slice(0, 4)) - earliestIssue));
  const validFrom = `${issueYear}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const term = termForAge(wholeYearsBetween(birthDate, validFrom));
  const validUntil = term === null ? null : `${issueYear + term}${validFrom.slice(4)}`;
  return { idNumber, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE', validFrom, validUntil };
}

type Card = Raster;
const INK: Rgb = [51, 51, 51];

/** A square of strokes where a Chinese character would be. */
function drawMark(card: Card, x: number, y: number, size: number, random: Random) {
  const stroke = Math.max(2, Math.round(size / 12));
  fillRect(card, x, y + Math.round(size * (0.15 + random() * 0.2)), size, stroke, INK);
  fillRect(card, x, y + Math.round(size * (0.6 + random() * 0.3)), size, stroke, INK);
  fillRect(card, x + Math.round(size * (0.2 + random() * 0.6)), y, stroke, size, INK);
  if (random() < 0.6) fillRect(card, x + Math.round(size * 0.1), y + Math.round(size * 0.1), stroke, Math.round(size * 0.8), INK);
}

function drawMarks(card: Card, x: number, y: number, count: number, size: number, random: Random): number {
  for (let index = 0; index < count; index++) drawMark(card, x + index * (size + 6), y, size, random);
  return x + count * (size + 6);
}

/** Fills the card with a faint pale-blue pattern like the printed security background. */
function background(random: Random): Card {
  const card = blank(CARD_WIDTH, CARD_HEIGHT, [244, 247, 251]);
  const phase = random() * Math.PI;
  for (let y = 0; y < CARD_HEIGHT; y++) {
    for (let x = 0; x < CARD_WIDTH; x++) {
      const shade = Math.round(8 * Math.sin(x / 23 + phase) * Math.cos(y / 31 - phase));
      const index = (y * CARD_WIDTH + x) * 4;
      card.data[index] = 236 + shade;
      card.data[index + 1] = 242 + shade;
      card.data[index + 2] = 250;
    }
  }
  return card;
}

const dotted = (day: string) => day.replaceAll('-', '.');

/** Where the photo sits on the portrait side (card pixels, 10 px/mm); in a photo of the card add 60 (the desk margin). */
export const CARD_PHOTO_BOX = { x: 600, y: 60, width: 210, height: 300 } as const;

/** The portrait scaled to cover the photo box and cropped to it around its centre. */
function fitToPhotoBox(portrait: Raster): Raster {
  const { width, height } = CARD_PHOTO_BOX;
  const scaled = scale(portrait, Math.max(width / portrait.width, height / portrait.height));
  const left = Math.floor((scaled.width - width) / 2);
  const top = Math.floor((scaled.height - height) / 2);
  const out = blank(width, height, [0, 0, 0]);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * scaled.width + left) * 4;
    out.data.set(scaled.data.subarray(from, from + width * 4), row * width * 4);
  }
  return out;
}

function drawPortraitSide(holder: CardHolder, random: Random, portrait?: Raster): Card {
  const card = background(random);
  drawMarks(card, 40, 50, 2, 22, random); // 姓名
  drawMarks(card, 120, 44, 3, 32, random); // the name
  drawMarks(card, 40, 110, 2, 22, random); // 性别
  drawMarks(card, 120, 104, 1, 32, random); // 男/女
  drawMarks(card, 220, 110, 2, 22, random); // 民族
  drawMarks(card, 300, 104, 1, 32, random); // 汉
  drawMarks(card, 40, 170, 2, 22, random); // 出生
  // 1990 年 3 月 7 日
  let x = 120;
  for (const value of holder.birthDate.split('-').map(Number)) {
    x = drawText(card, String(value), x, 160) + 8;
    x = drawMarks(card, x, 166, 1, 26, random) + 4;
  }
  drawMarks(card, 40, 230, 2, 22, random); // 住址
  drawMarks(card, 120, 226, 9, 26, random);
  drawMarks(card, 120, 266, 6, 26, random);
  drawMarks(card, 40, 430, 6, 22, random); // 公民身份号码
  drawText(card, holder.idNumber, 230, 418);
  const box = CARD_PHOTO_BOX;
  if (portrait) composite(card, fitToPhotoBox(portrait), box.x, box.y);
  else fillRect(card, box.x, box.y, box.width, box.height, [201, 211, 222]); // the photo
  return card;
}

function drawEmblemSide(holder: CardHolder, random: Random): Card {
  const card = background(random);
  for (let y = 40; y < 200; y++)
    for (let x = 40; x < 200; x++) if ((x - 120) ** 2 + (y - 120) ** 2 < 6400) card.data.set([208, 64, 64], (y * CARD_WIDTH + x) * 4);
  drawMarks(card, 260, 60, 9, 40, random); // 中华人民共和国
  drawMarks(card, 320, 140, 6, 48, random); // 居民身份证
  drawMarks(card, 140, 360, 4, 22, random); // 签发机关
  drawMarks(card, 260, 354, 7, 28, random);
  drawMarks(card, 140, 430, 4, 22, random); // 有效期限
  const end = drawText(card, `${dotted(holder.validFrom)}-${holder.validUntil ? dotted(holder.validUntil) : ''}`, 260, 418);
  if (!holder.validUntil) drawMarks(card, end + 4, 424, 2, 28, random); // 长期
  return card;
}

const DESK: Rgb = [216, 212, 204];

/** Blur, noise and rotation as a phone photo of a card on a light desk has them, encoded as JPEG. */
function photograph(card: Card, degradation: Degradation, random: Random): Buffer {
  let photo = blank(CARD_WIDTH + 120, CARD_HEIGHT + 120, DESK);
  composite(photo, card, 60, 60);
  if (degradation.rotation !== 0) photo = rotate(photo, degradation.rotation, DESK);
  photo = blur(photo, degradation.blur);
  addNoise(photo, degradation.noise, random);
  return encodeJpeg(photo, degradation.jpegQuality);
}

/** Degradations spread evenly over the set: blur 0–2 px, noise σ 0–24, rotation ±5°, JPEG quality 30–95. */
export function degradationOf(index: number, random: Random): Degradation {
  return {
    blur: index % 3,
    noise: (index % 4) * 8,
    rotation: Math.round((random() * 10 - 5) * 10) / 10,
    jpegQuality: [30, 50, 70, 95][(index >> 2) % 4]!,
  };
}

/** Card number `index` of a reproducible set (same seed, same cards). */
export function generateCard(index: number, seed = 20261202): GeneratedCard {
  const random = seededRandom(seed + index * 7919);
  const holder = fictitiousHolder(random);
  const degradation = degradationOf(index, random);
  const portrait = drawPortraitSide(holder, random);
  const emblem = drawEmblemSide(holder, random);
  return {
    holder,
    degradation,
    portraitSide: photograph(portrait, degradation, random),
    emblemSide: photograph(emblem, degradation, random),
  };
}

/** A clean phone photo: no blur, noise or rotation, JPEG quality 90 (what a real-name test wants to read reliably). */
const CLEAN: Degradation = { blur: 0, noise: 0, rotation: 0, jpegQuality: 90 };

/**
 * Card number `index` of a reproducible set whose photo box (CARD_PHOTO_BOX: 600,60, 210 × 300 on the card) shows
 * `portrait` (a JPEG, e.g. a sample face's selfie from faces.ts, scaled to cover the box and cropped to it), both
 * sides photographed cleanly. The holder is valid until at least 2028 (or long-term), so the card is not expired on
 * the test clock's days. The name is not printed legibly (the English OCR cannot read Chinese): the customer types it.
 */
export function generateCardWithPortrait(
  index: number,
  portrait: Buffer,
  seed = 20261203,
): { holder: CardHolder; portraitSide: Buffer; emblemSide: Buffer } {
  const random = seededRandom(seed + index * 7919);
  let holder = fictitiousHolder(random);
  while (holder.validUntil !== null && holder.validUntil < '2028-01-01') holder = fictitiousHolder(random);
  return {
    holder,
    portraitSide: photograph(drawPortraitSide(holder, random, decodeJpeg(portrait)), CLEAN, random),
    emblemSide: photograph(drawEmblemSide(holder, random), CLEAN, random),
  };
}
