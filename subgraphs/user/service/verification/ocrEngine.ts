/**
 * The OCR engine: one tesseract.js worker per process, created on first use, reading English text
 * with the LSTM model from `@tesseract.js-data/eng` (its int-quantised "best" traineddata). Everything
 * comes from installed packages: the traineddata path is the package's folder, the worker and the
 * WASM core are tesseract.js's own files, and caching is off, so nothing is fetched or written at run
 * time.
 */
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

export interface OcrWord {
  text: string;
  /** 0–1. */
  confidence: number;
}

export interface OcrLine {
  text: string;
  words: OcrWord[];
}

const TRAINEDDATA_DIRECTORY = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

let worker: Promise<Worker> | undefined;

function engine(): Promise<Worker> {
  worker ??= createWorker('eng', OEM.LSTM_ONLY, {
    langPath: TRAINEDDATA_DIRECTORY,
    gzip: true,
    cacheMethod: 'none',
  })
    .then(async (created) => {
      // A phone photo of a card is about 250–300 dpi; saying so spares tesseract its estimate (and its log line).
      await created.setParameters({ user_defined_dpi: '300' });
      return created;
    })
    .catch((error: unknown) => {
      worker = undefined;
      throw error;
    });
  return worker;
}

/** Loads the model now rather than on the first photo. */
export async function warmUpOcr(): Promise<void> {
  await engine();
}

/** Ends the worker thread (tests and scripts; a server keeps it for its life). */
export async function closeOcr(): Promise<void> {
  const running = worker;
  worker = undefined;
  if (running) await (await running).terminate();
}

/** The text lines of a JPEG or PNG photo, with each word's confidence. */
export async function recognizeLines(image: Buffer): Promise<OcrLine[]> {
  const { data } = await (await engine()).recognize(image, { rotateAuto: true }, { text: true, blocks: true });
  return (data.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.map((line) => ({
        text: line.text.trim(),
        words: line.words.map((word) => ({ text: word.text, confidence: word.confidence / 100 })),
      })),
    ),
  );
}
