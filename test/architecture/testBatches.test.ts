/**
 * Whole-project runs put a project's files into batches that share one module registry
 * (test/support/batches.js). These check the plan (every file once, the long ones spread, a file
 * that asks for its own process alone), the written batch files, and that a batch gives each file
 * the environment and mocks a fresh registry would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { isolateFile } from '../support/batchIsolation';
import { planBatches, writeBatches } from '../support/batches';

let root: string;
const file = (name: string, docblock = '') => {
  const path = join(root, name);
  writeFileSync(path, `/**\n * A test file.${docblock ? `\n * ${docblock}` : ''}\n */\ntest('x', () => undefined);\n`);
  return path;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'batches-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the plan', () => {
  test('puts every file in exactly one batch, at most `size` to a batch, a file that needs its own process alone', () => {
    const plain = Array.from({ length: 21 }, (_, index) => file(`plain${String(index).padStart(2, '0')}.test.ts`));
    const own = file('tracing.test.ts', '@ownProcess');
    const { batches, alone } = planBatches([...plain, own], 5);

    expect(alone).toEqual([own]);
    expect(batches).toHaveLength(5);
    expect(batches.flat().sort()).toEqual([...plain].sort());
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(5);
  });

  test('deals the long-running files one to a batch before the others', () => {
    const long = ['longA', 'longB', 'longC'].map((name) => file(`${name}.test.ts`, '@longRunning'));
    const plain = Array.from({ length: 6 }, (_, index) => file(`short${index}.test.ts`));
    const { batches } = planBatches([...plain, ...long], 3);

    expect(batches).toHaveLength(3);
    expect(batches.map((batch) => batch.filter((path) => long.includes(path)))).toEqual(long.map((path) => [path]));
  });
});

test('a written batch runs each file inside a describe named after it, and says when it is long', () => {
  const long = file('slow.test.ts', '@longRunning');
  const quick = file('quick.test.ts');
  const own = file('own.test.ts', '@ownProcess');
  const testFiles = writeBatches(root, 'demo', [quick, long, own], 10);

  expect(testFiles).toHaveLength(2);
  expect(testFiles[1]).toBe(own);
  expect(basename(testFiles[0]!)).toBe('demo-01.test.js');
  const source = readFileSync(testFiles[0]!, 'utf8');
  expect(source).toMatch(/^\s*\*\s*@longRunning$/m);
  expect(source).toContain(`describe("slow.test.ts", () => { isolateFile(); require(${JSON.stringify(long)}); });`);
  expect(source).toContain(`describe("quick.test.ts", () => { isolateFile(); require(${JSON.stringify(quick)}); });`);
  expect(source).not.toContain('own.test.ts');
});

describe('a batch isolates its files', () => {
  const target = { answer: () => 42 };

  describe('an earlier file', () => {
    isolateFile();
    test('changes the environment and spies on a function', () => {
      process.env.BATCH_LEAK = 'from the earlier file';
      jest.spyOn(target, 'answer').mockReturnValue(0);
      expect(target.answer()).toBe(0);
    });
  });

  describe('the next file', () => {
    isolateFile();
    test('starts from the environment and the functions as they were', () => {
      expect(process.env.BATCH_LEAK).toBeUndefined();
      expect(target.answer()).toBe(42);
    });
  });
});
