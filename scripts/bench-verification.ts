/**
 * `npm run bench:verification [cards]`: the real-name verification models on generated test images,
 * offline. Prints Markdown for bench/README.md; not a test.
 *
 * - OCR: `cards` generated ID cards (default 50; blur, noise, rotation ±5°, JPEG quality 30–95), both
 *   sides each: accuracy per field, latency of the model load and per card.
 * - Faces: every face the detector is sure of in face-api's sample photos, each against six
 *   transformed copies of itself (genuine pairs) and against every other face (impostor pairs):
 *   the distance distributions, false accepts and rejects per threshold, latency of the load and per
 *   photo.
 */
import { performance } from 'node:perf_hooks';
import { analyzeFace, descriptorDistance, FACE_MATCH_THRESHOLD } from '../subgraphs/user/service/verification/faceMatch';
import { warmUpFaceModels } from '../subgraphs/user/service/verification/faceModels';
import { readIdCard, type IdCardReading } from '../subgraphs/user/service/verification/idCardOcr';
import { closeOcr, warmUpOcr } from '../subgraphs/user/service/verification/ocrEngine';
import { generateCard, type GeneratedCard } from '../test/support/models/idCards';
import { FACE_TRANSFORMS, sampleFaces, transformFace } from '../test/support/models/faces';

const cardCount = Number(process.argv[2] ?? 50);
const TODAY = '2026-06-01';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const ms = (value: number) => `${Math.round(value)} ms`;
const share = (hits: number, total: number) => `${hits}/${total} (${((100 * hits) / total).toFixed(0)} %)`;

const latency = (times: number[]) => `mean ${ms(mean(times))}, p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`;
const sameValidity = (card: GeneratedCard, reading: IdCardReading) =>
  reading.validity?.value.validFrom === card.holder.validFrom && reading.validity.value.validUntil === card.holder.validUntil;
const passedChecks = (reading: IdCardReading) => !reading.problems.some((problem) => problem.startsWith('ID_NUMBER'));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function benchOcr() {
  const [, load] = await timed(warmUpOcr);
  const rows: { card: GeneratedCard; reading: IdCardReading; took: number }[] = [];
  for (let index = 0; index < cardCount; index++) {
    const card = generateCard(index);
    const [reading, took] = await timed(() => readIdCard(card, TODAY));
    rows.push({ card, reading, took });
  }
  await closeOcr();
  const count = (test: (row: (typeof rows)[number]) => boolean) => share(rows.filter(test).length, rows.length);
  console.log(`## OCR: ${cardCount} generated cards, both sides (tesseract.js 7, eng 4.0.0_best_int, LSTM)\n`);
  console.log('| field | read correctly |\n|---|---|');
  console.log(`| ID number (all 18 characters) | ${count(({ card, reading }) => reading.idNumber?.value === card.holder.idNumber)} |`);
  console.log(`| birth date (from the number) | ${count(({ card, reading }) => reading.birthDate?.value === card.holder.birthDate)} |`);
  const confirmed = count(({ card, reading }) => reading.birthDate?.value === card.holder.birthDate && !!reading.birthDate.confirmedOnCard);
  console.log(`| birth date also confirmed on the card | ${confirmed} |`);
  console.log(`| sex (17th digit) | ${count(({ card, reading }) => reading.sex?.value === card.holder.sex)} |`);
  console.log(`| validity period (start and end or long-term) | ${count(({ card, reading }) => sameValidity(card, reading))} |`);
  console.log(`| usable reading (no problem) | ${count(({ reading }) => reading.usable)} |`);
  const wrongNumbers = rows.filter(({ card, reading }) => reading.idNumber && reading.idNumber.value !== card.holder.idNumber);
  console.log(
    `| a wrong number that passed the check character | ${share(wrongNumbers.filter(({ reading }) => passedChecks(reading)).length, rows.length)} |`,
  );
  console.log('\nID number read correctly, by degradation:\n');
  console.log('| degradation | value: read correctly |\n|---|---|');
  for (const [name, key] of [
    ['blur radius', 'blur'],
    ['noise σ', 'noise'],
    ['JPEG quality', 'jpegQuality'],
  ] as const) {
    const values = [...new Set(rows.map(({ card }) => card.degradation[key]))].sort((a, b) => a - b);
    const cells = values.map((value) => {
      const group = rows.filter(({ card }) => card.degradation[key] === value);
      return `${value}: ${group.filter(({ card, reading }) => reading.idNumber?.value === card.holder.idNumber).length}/${group.length}`;
    });
    console.log(`| ${name} | ${cells.join(', ')} |`);
  }
  const problems = new Map<string, number>();
  for (const { reading } of rows) for (const problem of reading.problems) problems.set(problem, (problems.get(problem) ?? 0) + 1);
  console.log(`\nProblems reported: ${[...problems].map(([problem, times]) => `${problem} ×${times}`).join(', ') || 'none'}`);
  const times = rows.map(({ took }) => took);
  console.log(`\nLatency: model load ${ms(load)}; per card (two photos) ${latency(times)}\n`);
}

async function benchFaces() {
  const [, load] = await timed(warmUpFaceModels);
  const faces = await sampleFaces();
  const times: number[] = [];
  const analyse = async (photo: Buffer) => {
    const [analysis, took] = await timed(() => analyzeFace(photo));
    times.push(took);
    return analysis;
  };
  const selfies = new Map<string, Float32Array>();
  const genuine: { transform: string; distance: number | null }[] = [];
  const skipped: string[] = [];
  for (const face of faces) {
    const selfie = await analyse(face.selfie);
    if (!selfie.descriptor) {
      skipped.push(`${face.id} (${selfie.problems.join(', ')})`);
      continue;
    }
    selfies.set(face.id, selfie.descriptor);
    for (const transform of FACE_TRANSFORMS) {
      const copy = await analyse(transformFace(face.selfie, transform));
      genuine.push({ transform, distance: copy.descriptor ? descriptorDistance(selfie.descriptor, copy.descriptor) : null });
    }
  }
  const ids = [...selfies.keys()];
  const impostor: { pair: string; distance: number }[] = [];
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++)
      impostor.push({ pair: `${ids[a]} – ${ids[b]}`, distance: descriptorDistance(selfies.get(ids[a]!)!, selfies.get(ids[b]!)!) });
  }
  const measured = genuine.flatMap(({ distance }) => (distance === null ? [] : [distance]));
  const impostorDistances = impostor.map(({ distance }) => distance);
  const summary = (values: number[]) =>
    [`min ${Math.min(...values).toFixed(3)}`, `p5 ${percentile(values, 5).toFixed(3)}`, `median ${percentile(values, 50).toFixed(3)}`]
      .concat([`p95 ${percentile(values, 95).toFixed(3)}`, `max ${Math.max(...values).toFixed(3)}`])
      .join(', ');

  console.log(
    `## Face match: ${selfies.size} faces from face-api's demo photos (SSD MobileNet v1, 68 landmarks, 128-d descriptor, WASM)\n`,
  );
  if (skipped.length) console.log(`Faces without a usable selfie crop (left out): ${skipped.join('; ')}\n`);
  console.log('| pairs | count | distance |\n|---|---|---|');
  console.log(`| genuine (selfie vs transformed copy) | ${measured.length} | ${summary(measured)} |`);
  for (const transform of FACE_TRANSFORMS) {
    const group = genuine.filter((pair) => pair.transform === transform);
    const values = group.flatMap(({ distance }) => (distance === null ? [] : [distance]));
    const missed = group.length - values.length;
    console.log(
      `| — ${transform} | ${values.length}${missed ? ` (+${missed} no face found)` : ''} | ${values.length ? summary(values) : '–'} |`,
    );
  }
  console.log(`| impostor (two different faces) | ${impostor.length} | ${summary(impostorDistances)} |`);
  console.log(
    `\nClosest impostor pairs: ${sorted(impostorDistances)
      .slice(0, 3)
      .map((distance) => `${impostor.find((pair) => pair.distance === distance)!.pair} ${distance.toFixed(3)}`)
      .join('; ')}\n`,
  );
  console.log('| threshold | false accepts (impostor ≤ t) | false rejects (genuine > t or no face) |\n|---|---|---|');
  for (const threshold of [0.35, 0.4, 0.45, FACE_MATCH_THRESHOLD, 0.55, 0.6]
    .filter((value, index, all) => all.indexOf(value) === index)
    .sort()) {
    const falseAccepts = impostorDistances.filter((distance) => distance <= threshold).length;
    const falseRejects = genuine.filter(({ distance }) => distance === null || distance > threshold).length;
    const mark = threshold === FACE_MATCH_THRESHOLD ? ' **(chosen)**' : '';
    console.log(`| ${threshold.toFixed(2)}${mark} | ${share(falseAccepts, impostor.length)} | ${share(falseRejects, genuine.length)} |`);
  }
  console.log(`\nLatency: model load ${ms(load)}; per photo (decode, detect, landmarks, descriptor) ${latency(times)}`);
}

async function main() {
  await benchOcr();
  await benchFaces();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
