/**
 * Eight Jest projects, by what a test file needs around it:
 *   unit         nothing: no database, no server, no global setup; runs anywhere in seconds
 *   integration  PostgreSQL (the configured server or a throw-away embedded one) through the test
 *                harness: a file that imports test/support/platform or test/support/databases
 *   redis        a real Redis as well: a file that imports test/support/redis
 *   redis-cluster  a six-node Redis Cluster the file starts from the machine's redis-server (and
 *                PostgreSQL, when it starts a platform): a file that imports test/support/redisCluster
 *   nats         a NATS server with JetStream as well (the order-event bus): a file that imports test/support/nats
 *   models       the OCR and face models (seconds per image, a worker thread each): a file that imports
 *                test/support/models (with PostgreSQL and the harness, when it starts a platform)
 *   replicas     a fleet of replicas in one process, restarted under load: a file that imports test/support/replicas
 *   browser      Chromium driving the channel apps against a platform: a file that imports test/support/browser
 * A file's project follows from its imports, so a test cannot sit in the wrong one. `npm test`
 * (scripts/test.ts) runs every project whose services exist and names the ones it skipped.
 * Jest runs TypeScript through SWC; jose and otplib's @scure/@noble dependencies ship ES modules
 * only, so they are transformed too.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

function testFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function projectOf(file) {
  const source = readFileSync(file, 'utf8');
  if (/from '[./]*(?:test\/)?support\/redis'/.test(source)) return 'redis';
  if (/from '[./]*(?:test\/)?support\/redisCluster'/.test(source)) return 'redis-cluster';
  if (/from '[./]*(?:test\/)?support\/nats'/.test(source)) return 'nats';
  // Before models: a browser test may draw its ID-card images with the models' helpers.
  if (/from '[./]*(?:test\/)?support\/browser'/.test(source)) return 'browser';
  if (/from '[./]*(?:test\/)?support\/models[/']/.test(source)) return 'models';
  if (/from '[./]*(?:test\/)?support\/replicas'/.test(source)) return 'replicas';
  if (/from '[./]*(?:test\/)?support\/(?:platform|databases)'/.test(source)) return 'integration';
  return 'unit';
}

const { writeBatches } = require('./test/support/batches');

const files = ['test', 'platform', 'gateway', 'subgraphs', 'scripts', 'apps'].flatMap((directory) => testFiles(join(__dirname, directory)));
const filesOf = (project) => files.filter((file) => projectOf(file) === project).map((file) => `<rootDir>/${relative(__dirname, file)}`);
/**
 * A whole-project run (`TEST_BATCHES=1`, set by scripts/test.ts) runs the integration files in
 * batches of BATCH_SIZE sharing one module registry (test/support/batches.js); otherwise each file
 * is its own test file.
 */
const BATCH_SIZE = 10;
const batchedFilesOf = (project) =>
  process.env.TEST_BATCHES === '1'
    ? writeBatches(
        __dirname,
        project,
        files.filter((file) => projectOf(file) === project),
        BATCH_SIZE,
      ).map((file) => `<rootDir>/${relative(__dirname, file)}`)
    : filesOf(project);

const common = {
  testEnvironment: 'node',
  // TypeScript's ES-module imports name the emitted file (`./user/subgraph.js`); Jest loads the source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@scure|@noble)/)'],
};
const withDatabases = {
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: filesOf('unit'), setupFiles: ['<rootDir>/test/support/unitSecrets.ts'] },
    { ...common, ...withDatabases, displayName: 'integration', testMatch: batchedFilesOf('integration') },
    { ...common, ...withDatabases, displayName: 'redis', testMatch: filesOf('redis') },
    { ...common, ...withDatabases, displayName: 'redis-cluster', testMatch: filesOf('redis-cluster') },
    { ...common, ...withDatabases, displayName: 'nats', testMatch: filesOf('nats') },
    // Models tests may run a platform too (real-name verification through the gateway): the same databases.
    { ...common, ...withDatabases, displayName: 'models', testMatch: filesOf('models') },
    // A whole fleet of replicas in one process under load, restarted server by server: alone, one file at a time.
    { ...common, ...withDatabases, displayName: 'replicas', testMatch: filesOf('replicas') },
    // Browser tests start a platform whose gateway serves the built apps, and a Chromium.
    { ...common, ...withDatabases, displayName: 'browser', testMatch: filesOf('browser') },
  ],
};
