/**
 * A small RGBA raster for drawing test images in plain JavaScript: text from a bitmap font (the
 * Open Sans BMFont files that ship with jimp), rectangles, rotation, blur, noise, scaling, greyscale
 * and JPEG encoding (jpeg-js). jimp itself is not used: it loads files through dynamic imports of
 * ES-module-only packages, which Jest's CommonJS runtime cannot run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode, encode } from 'jpeg-js';
import { SANS_32_BLACK } from 'jimp/fonts';
import { PNG } from 'pngjs';
import type { Random } from './random';

export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function blank(width: number, height: number, colour: Rgb): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let index = 0; index < data.length; index += 4) {
    data[index] = colour[0];
    data[index + 1] = colour[1];
    data[index + 2] = colour[2];
    data[index + 3] = 255;
  }
  return { width, height, data };
}

export function fillRect(raster: Raster, x: number, y: number, width: number, height: number, colour: Rgb): void {
  for (let row = Math.max(0, y); row < Math.min(raster.height, y + height); row++) {
    for (let column = Math.max(0, x); column < Math.min(raster.width, x + width); column++) {
      raster.data.set(colour, (row * raster.width + column) * 4);
    }
  }
}

export function composite(target: Raster, source: Raster, x: number, y: number): void {
  for (let row = 0; row < source.height; row++) {
    const from = row * source.width * 4;
    target.data.set(source.data.subarray(from, from + source.width * 4), ((y + row) * target.width + x) * 4);
  }
}

interface Glyph {
  x: number;
  y: number;
  width: number;
  height: number;
  xoffset: number;
  yoffset: number;
  xadvance: number;
}

interface BitmapFont {
  glyphs: Map<string, Glyph>;
  page: PNG;
}

let openSans32: BitmapFont | undefined;

function font(): BitmapFont {
  if (openSans32) return openSans32;
  const description = readFileSync(SANS_32_BLACK, 'utf8');
  const glyphs = new Map<string, Glyph>();
  for (const match of description.matchAll(/<char id="(\d+)"([^>]*)\/>/g)) {
    const attribute = (name: string) => Number(new RegExp(`\\b${name}="(-?\\d+)"`).exec(match[2]!)![1]);
    glyphs.set(String.fromCharCode(Number(match[1])), {
      x: attribute('x'),
      y: attribute('y'),
      width: attribute('width'),
      height: attribute('height'),
      xoffset: attribute('xoffset'),
      yoffset: attribute('yoffset'),
      xadvance: attribute('xadvance'),
    });
  }
  const pageFile = /<page id="0" file="([^"]+)"/.exec(description)![1]!;
  openSans32 = { glyphs, page: PNG.sync.read(readFileSync(join(dirname(SANS_32_BLACK), pageFile))) };
  return openSans32;
}

/** Draws text in 32 px Open Sans (black, blended by the glyph's alpha); returns the x after it. */
export function drawText(raster: Raster, text: string, x: number, y: number): number {
  const { glyphs, page } = font();
  let cursor = x;
  for (const character of text) {
    const glyph = glyphs.get(character);
    if (!glyph) continue;
    for (let row = 0; row < glyph.height; row++) {
      for (let column = 0; column < glyph.width; column++) {
        const alpha = page.data[((glyph.y + row) * page.width + glyph.x + column) * 4 + 3]! / 255;
        const tx = cursor + glyph.xoffset + column;
        const ty = y + glyph.yoffset + row;
        if (alpha === 0 || tx < 0 || ty < 0 || tx >= raster.width || ty >= raster.height) continue;
        const index = (ty * raster.width + tx) * 4;
        for (let channel = 0; channel < 3; channel++)
          raster.data[index + channel] = Math.round(raster.data[index + channel]! * (1 - alpha) + 20 * alpha);
      }
    }
    cursor += glyph.xadvance;
  }
  return cursor;
}

/** Writes the bilinear sample at (x, y) to `out` at `at`, or the background outside the raster. */
function sampleInto(raster: Raster, x: number, y: number, background: Rgb, out: Uint8Array, at: number): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const { width, height, data } = raster;
  const inside = x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height;
  for (let channel = 0; channel < 3; channel++) {
    if (!inside) {
      // Edges are rare: the nearest pixel, or the background beyond it.
      const nx = Math.round(x);
      const ny = Math.round(y);
      out[at + channel] = nx < 0 || ny < 0 || nx >= width || ny >= height ? background[channel]! : data[(ny * width + nx) * 4 + channel]!;
      continue;
    }
    const top = (y0 * width + x0) * 4 + channel;
    const bottom = top + width * 4;
    out[at + channel] =
      data[top]! * (1 - fx) * (1 - fy) + data[top + 4]! * fx * (1 - fy) + data[bottom]! * (1 - fx) * fy + data[bottom + 4]! * fx * fy;
  }
  out[at + 3] = 255;
}

/** Rotated counter-clockwise by `degrees` about the centre, same size, corners filled with `background`. */
export function rotate(raster: Raster, degrees: number, background: Rgb): Raster {
  const out = blank(raster.width, raster.height, background);
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = raster.width / 2;
  const cy = raster.height / 2;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      // The inverse rotation finds where each output pixel comes from.
      const sx = cos * (x - cx) - sin * (y - cy) + cx;
      const sy = sin * (x - cx) + cos * (y - cy) + cy;
      sampleInto(raster, sx, sy, background, out.data, (y * raster.width + x) * 4);
    }
  }
  return out;
}

/** Scaled by `factor` with bilinear sampling. */
export function scale(raster: Raster, factor: number): Raster {
  const width = Math.max(1, Math.round(raster.width * factor));
  const height = Math.max(1, Math.round(raster.height * factor));
  const out = blank(width, height, [0, 0, 0]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) sampleInto(raster, x / factor, y / factor, [0, 0, 0], out.data, (y * width + x) * 4);
  }
  return out;
}

/** A box blur of the given radius, horizontal then vertical (running sums, edges clamped). */
export function blur(raster: Raster, radius: number): Raster {
  if (radius <= 0) return raster;
  const { width, height } = raster;
  const pass = (source: Uint8Array, length: number, lines: number, offset: (line: number, step: number) => number) => {
    const out = new Uint8Array(source);
    for (let line = 0; line < lines; line++) {
      for (let channel = 0; channel < 3; channel++) {
        const at = (step: number) => source[offset(line, Math.min(length - 1, Math.max(0, step))) + channel]!;
        let sum = 0;
        for (let step = -radius; step <= radius; step++) sum += at(step);
        for (let step = 0; step < length; step++) {
          out[offset(line, step) + channel] = sum / (2 * radius + 1);
          sum += at(step + radius + 1) - at(step - radius);
        }
      }
    }
    return out;
  };
  const horizontal = pass(raster.data, width, height, (row, column) => (row * width + column) * 4);
  return { width, height, data: pass(horizontal, height, width, (column, row) => (row * width + column) * 4) };
}

/** Gaussian noise of standard deviation `sigma` on every channel. */
export function addNoise(raster: Raster, sigma: number, random: Random): void {
  if (sigma <= 0) return;
  for (let index = 0; index < raster.data.length; index += 4) {
    for (let channel = 0; channel < 3; channel++) {
      // Box–Muller: a standard normal sample from two uniform ones.
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      raster.data[index + channel] = Math.min(255, Math.max(0, Math.round(raster.data[index + channel]! + sigma * normal)));
    }
  }
}

export function greyscale(raster: Raster): Raster {
  const out = blank(raster.width, raster.height, [0, 0, 0]);
  for (let index = 0; index < raster.data.length; index += 4) {
    const luma = Math.round(raster.data[index]! * 0.299 + raster.data[index + 1]! * 0.587 + raster.data[index + 2]! * 0.114);
    out.data.set([luma, luma, luma, 255], index);
  }
  return out;
}

export function decodeJpeg(file: Buffer): Raster {
  const image = decode(file, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50 });
  return { width: image.width, height: image.height, data: image.data };
}

export function encodeJpeg(raster: Raster, quality: number): Buffer {
  return encode({ width: raster.width, height: raster.height, data: Buffer.from(raster.data) }, quality).data;
}
