/**
 * Prepares a card photo for the OCR: grey, with speckle noise removed by a 3×3 median (which keeps
 * the edges of the digits, where a blur would soften them), encoded as PNG for tesseract.
 */
import { PNG } from 'pngjs';
import type { RgbaImage } from './photoDecoding';

function greyOf(image: RgbaImage): Uint8Array {
  const grey = new Uint8Array(image.width * image.height);
  for (let pixel = 0, index = 0; pixel < grey.length; pixel++, index += 4) {
    // ITU-R BT.601 luma.
    grey[pixel] = (image.data[index]! * 299 + image.data[index + 1]! * 587 + image.data[index + 2]! * 114) / 1000;
  }
  return grey;
}

function median3x3(grey: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(grey.length);
  const window = new Uint8Array(9);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const row = Math.min(height - 1, Math.max(0, y + dy)) * width;
        for (let dx = -1; dx <= 1; dx++) window[count++] = grey[row + Math.min(width - 1, Math.max(0, x + dx))]!;
      }
      window.sort();
      out[y * width + x] = window[4]!;
    }
  }
  return out;
}

export function prepareForOcr(image: RgbaImage): Buffer {
  const clean = median3x3(greyOf(image), image.width, image.height);
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
