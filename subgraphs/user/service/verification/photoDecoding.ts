/**
 * Photos decoded in JavaScript (jpeg-js, pngjs): no native image addon is needed, and a file that is
 * neither a JPEG nor a PNG, or too large, is refused before any model sees it.
 */
import { decode as decodeJpegFile } from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  data: Uint8Array;
}

/** A phone photo is at most a few tens of megapixels; more is refused rather than decoded. */
const MAX_PIXELS = 50_000_000;
const MAX_MEMORY_MB = 512;

export class PhotoFormatError extends Error {}

/** Decodes a JPEG or PNG; throws PhotoFormatError for anything else or a damaged file. */
export function decodePhoto(file: Buffer): RgbaImage {
  try {
    if (file.length > 3 && file[0] === 0xff && file[1] === 0xd8) {
      const image = decodeJpegFile(file, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_PIXELS / 1e6,
        maxMemoryUsageInMB: MAX_MEMORY_MB,
      });
      return { width: image.width, height: image.height, data: image.data };
    }
    if (file.length > 8 && file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      const image = PNG.sync.read(file);
      if (image.width * image.height > MAX_PIXELS) throw new PhotoFormatError('the photo has too many pixels');
      return {
        width: image.width,
        height: image.height,
        data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length),
      };
    }
  } catch (error) {
    throw error instanceof PhotoFormatError ? error : new PhotoFormatError(`the photo cannot be decoded: ${(error as Error).message}`);
  }
  throw new PhotoFormatError('the photo is neither a JPEG nor a PNG');
}
