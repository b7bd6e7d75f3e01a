/**
 * Long-running suites first, so none of them starts near the end and leaves one worker running
 * alone while the others sit idle. Jest's own sequencer orders by the durations it cached on an
 * earlier run; a fresh machine has none, so a suite that is long by design says so in its
 * docblock with `@longRunning`, and those go first.
 */
const { readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const isLongRunning = (path) => /^\s*\*\s*@longRunning\b/m.test(readFileSync(path, 'utf8').slice(0, 4_000));

class LongRunningFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return [...ordered.filter((test) => isLongRunning(test.path)), ...ordered.filter((test) => !isLongRunning(test.path))];
  }
}

module.exports = LongRunningFirst;
