/**
 * Test batches: in a whole-project run, Jest runs a project's files in batches of a few files
 * each, every batch one Jest test file that requires its files one after another inside a
 * `describe` named after each file. Jest gives every test file a fresh module registry, and an
 * integration file spends most of its time loading the gateway's and the centers' modules cold and
 * starting them on cold code; a batch loads them once and runs its later files on warm code,
 * which takes about a third off the integration project's CPU time. Each file still starts and stops its own platform on its
 * own databases, and its hooks stay scoped to it (they sit inside its `describe`); between files a
 * batch restores `process.env` and every spy, as a fresh registry would.
 *
 * A file that needs a process of its own (process-wide instrumentation, module-level mocks) says
 * so in its docblock with `@ownProcess` and runs as itself. Naming a file (`npm test -- path`)
 * runs it as itself too: batches are for whole-project runs.
 *
 * The batches are written by the Jest config into `.jest-results/batches/` when `TEST_BATCHES` is
 * set (scripts/test.ts sets it for a whole-project run); failures name the batch file, and the
 * test's name starts with the path of the file it is in.
 */
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** Whether the file's docblock (its opening comment) carries `@tag`. */
const docblockHas = (path, tag) => new RegExp(`^\\s*\\*\\s*@${tag}\\b`, 'm').test(readFileSync(path, 'utf8').slice(0, 4_000));

/**
 * Splits `files` (absolute paths) into `ceil(n / size)` batches. Long-running files (`@longRunning`)
 * are dealt first, one to each batch, then the rest in path order, round robin, so no batch holds
 * two of the long ones while another holds none.
 */
function planBatches(files, size) {
  const batched = files.filter((file) => !docblockHas(file, 'ownProcess')).sort();
  const long = batched.filter((file) => docblockHas(file, 'longRunning'));
  const dealt = [...long, ...batched.filter((file) => !long.includes(file))];
  const count = Math.ceil(dealt.length / size);
  const batches = Array.from({ length: count }, () => []);
  dealt.forEach((file, index) => batches[index % count].push(file));
  return { batches, alone: files.filter((file) => !batched.includes(file)) };
}

function batchSource(rootDir, files) {
  const long = files.some((file) => docblockHas(file, 'longRunning'));
  const lines = [
    '/**',
    ' * Written by test/support/batches.js for a whole-project run: these files, one after another, in one module registry.',
    ...(long ? [' * @longRunning'] : []),
    ' */',
    `const { isolateFile } = require(${JSON.stringify(join(__dirname, 'batchIsolation.js'))});`,
    ...files.map((file) => {
      const name = relative(rootDir, file);
      return `describe(${JSON.stringify(name)}, () => { isolateFile(); require(${JSON.stringify(file)}); });`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes the project's batches and returns the test files Jest should run: the batches and the files that run alone. */
function writeBatches(rootDir, project, files, size) {
  const directory = join(rootDir, '.jest-results', 'batches', project);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const { batches, alone } = planBatches(files, size);
  const written = batches.map((batch, index) => {
    const path = join(directory, `${project}-${String(index + 1).padStart(2, '0')}.test.js`);
    writeFileSync(path, batchSource(rootDir, batch));
    return path;
  });
  return [...written, ...alone];
}

module.exports = { docblockHas, planBatches, writeBatches };
