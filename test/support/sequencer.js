/**
 * Long-running suites first, so none of them starts near the end and leaves one worker running
 * alone while the others sit idle. Jest's own sequencer orders by the durations it cached on an
 * earlier run; a fresh machine has none, so a suite that is long by design says so in its
 * docblock with `@longRunning`, and those go first.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { docblockHas } = require('./batches');

const isLongRunning = (path) => docblockHas(path, 'longRunning');

class LongRunningFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return [...ordered.filter((test) => isLongRunning(test.path)), ...ordered.filter((test) => !isLongRunning(test.path))];
  }
}

module.exports = LongRunningFirst;
