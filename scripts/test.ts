/**
 * `npm test`: runs the Jest projects one after another (unit, integration, redis, redis-cluster, nats, models, replicas, browser), each as
 * its own Jest run so its time is its own, and ends with one plain line, `N passed, N failed`.
 *
 * A project whose service this machine lacks is skipped and named, never failed: `redis` needs
 * `REDIS_URL` pointing at a Redis that answers, `redis-cluster` the `redis-server` and `redis-cli` binaries,
 * `nats` a NATS server with JetStream (`NATS_URL`, else 127.0.0.1:4222), `browser` Chromium (CHROMIUM_PATH, else
 * /usr/bin/chromium). PostgreSQL is never missing (the integration
 * projects start an embedded one when `DATABASE_URL`/`TEST_DATABASE_URL` is not set).
 *
 *   npm test                                  every project this machine can run
 *   npm test -- --project integration         one project (repeatable)
 *   npm test -- --require-services            a skipped project is a failure (CI)
 *   npm test -- test/money                    anything else goes to Jest
 *
 * `JEST_MAX_WORKERS_<PROJECT>` overrides a project's worker count. The template databases the
 * integration projects copy are built here once (test/support/globalSetup.ts) and dropped at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import Redis from 'ioredis';
import { projectRoot } from '../platform/paths';
import buildTemplateDatabases from '../test/support/globalSetup';
import { browserMissing } from '../test/support/chromium';
import { redisClusterMissing } from '../test/support/redisCluster';
import dropTestDatabases from '../test/support/globalTeardown';
import { DEFAULT_TEST_NATS_URL } from '../test/support/nats';

interface Project {
  name: string;
  /** Needs the run's template databases (built once here and shared by every such project). */
  databases: boolean;
  /** Why this machine cannot run it, or undefined when it can. */
  missingService(): Promise<string | undefined>;
  /**
   * Workers for a 2-core machine: integration files spend much of their time waiting on
   * PostgreSQL and on each other's HTTP calls, so one worker per core plus one keeps both busy.
   */
  maxWorkers: string;
}

const PROJECTS: Project[] = [
  { name: 'unit', databases: false, missingService: async () => undefined, maxWorkers: '100%' },
  { name: 'integration', databases: true, missingService: async () => undefined, maxWorkers: '3' },
  { name: 'redis', databases: true, missingService: redisMissing, maxWorkers: '2' },
  // Each file starts its own six redis-server processes (and kills some of them): one file at a time.
  { name: 'redis-cluster', databases: true, missingService: async () => redisClusterMissing(), maxWorkers: '1' },
  // The order-event bus: a NATS server with JetStream. One file at a time: each drains its own stream
  // with every consuming center at once, which is the whole machine's work.
  { name: 'nats', databases: true, missingService: natsMissing, maxWorkers: '1' },
  // The OCR and face models come from installed packages, so nothing is ever missing; each file loads
  // its models once (seconds) and then spends its time in them, one file per core. Some start a platform.
  { name: 'models', databases: true, missingService: async () => undefined, maxWorkers: '2' },
  // Chromium and a whole platform per file, serving the built channel apps: one file at a time.
  // Two replicas of every center and two gateways in one process under load, restarted one by one: one file at a time.
  { name: 'replicas', databases: true, missingService: async () => undefined, maxWorkers: '1' },
  { name: 'browser', databases: true, missingService: async () => browserMissing(), maxWorkers: '1' },
];

async function redisMissing(): Promise<string | undefined> {
  const url = process.env.REDIS_URL;
  if (!url) return 'REDIS_URL is not set (e.g. REDIS_URL=redis://127.0.0.1:6379 with a Redis running)';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${url.replace(/\/\/[^@]*@/, '//***@')} does not answer (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

/** The order-event bus's server: `NATS_URL`, else the machine's 127.0.0.1:4222, answering with JetStream on. */
async function natsMissing(): Promise<string | undefined> {
  const url = process.env.NATS_URL || DEFAULT_TEST_NATS_URL;
  let connection: NatsConnection | undefined;
  try {
    connection = await connect({ servers: url.split(','), timeout: 2_000, reconnect: false });
  } catch (error) {
    return `no NATS server answers at ${url.replace(/\/\/[^@]*@/, '//***@')} (${(error as Error).message}); set NATS_URL or start nats-server -js`;
  }
  try {
    await (await jetstreamManager(connection, { timeout: 2_000 })).getAccountInfo();
    return undefined;
  } catch (error) {
    return `the NATS server at ${url.replace(/\/\/[^@]*@/, '//***@')} has no JetStream (${(error as Error).message}); start it with -js`;
  } finally {
    await connection.close();
  }
}

interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
}

function parseArguments(argv: string[]) {
  const selected: string[] = [];
  const jestArguments: string[] = [];
  let requireServices = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--project') selected.push(argv[++index] ?? '');
    else if (argument === '--require-services') requireServices = true;
    else jestArguments.push(argument);
  }
  for (const name of selected) {
    if (!PROJECTS.some((project) => project.name === name))
      throw new Error(`unknown project "${name}"; projects: ${PROJECTS.map((p) => p.name).join(', ')}`);
  }
  return { selected, jestArguments, requireServices };
}

function runJest(args: string[], batched: boolean): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], {
      cwd: projectRoot,
      // A whole-project run runs its files in batches sharing a module registry (test/support/batches.js);
      // a run that names files or tests runs each file as itself.
      env: { ...process.env, TEST_BATCHES: batched ? '1' : '0' },
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

async function main(): Promise<number> {
  const { selected, jestArguments, requireServices } = parseArguments(process.argv.slice(2));
  const resultsDirectory = join(projectRoot, '.jest-results');
  rmSync(resultsDirectory, { recursive: true, force: true });
  mkdirSync(resultsDirectory, { recursive: true });

  const projects = PROJECTS.filter((candidate) => selected.length === 0 || selected.includes(candidate.name));
  const missing = new Map(await Promise.all(projects.map(async (project) => [project, await project.missingService()] as const)));
  // The template databases are built once, while the unit project runs, and shared by every project
  // that needs them (each Jest run's own global setup then finds them and does nothing).
  const needsDatabases = projects.some((project) => project.databases && !missing.get(project));
  const templates = needsDatabases ? timed(buildTemplateDatabases()) : undefined;
  templates?.catch(() => undefined);
  process.env.TEST_TEMPLATES_OWNER = 'runner';

  let passed = 0;
  let failed = 0;
  let status = 0;
  let templatesReported = false;
  try {
    for (const project of projects) {
      const reason = missing.get(project);
      if (reason) {
        console.log(`\n== ${project.name}: skipped — ${reason}`);
        if (requireServices) {
          failed += 1;
          status = 1;
        }
        continue;
      }
      if (project.databases && templates && !templatesReported) {
        console.log(`\n== template databases built in ${(await templates).toFixed(1)} s`);
        templatesReported = true;
      }
      console.log(`\n== ${project.name}`);
      const outputFile = join(resultsDirectory, `${project.name}.json`);
      const maxWorkers = process.env[`JEST_MAX_WORKERS_${project.name.toUpperCase()}`] ?? project.maxWorkers;
      const started = process.hrtime.bigint();
      const exit = await runJest(
        [
          '--selectProjects',
          project.name,
          '--maxWorkers',
          maxWorkers,
          '--passWithNoTests',
          '--json',
          '--outputFile',
          outputFile,
          ...jestArguments,
        ],
        jestArguments.length === 0,
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (exit !== 0) status = 1;
      if (!existsSync(outputFile)) {
        console.log(`== ${project.name}: Jest wrote no results (exit ${exit}) after ${seconds.toFixed(1)} s`);
        failed += 1;
        continue;
      }
      const results = JSON.parse(readFileSync(outputFile, 'utf8')) as JestResults;
      const projectFailed = results.numFailedTests + results.numRuntimeErrorTestSuites;
      passed += results.numPassedTests;
      failed += projectFailed;
      console.log(`== ${project.name}: ${results.numPassedTests} passed, ${projectFailed} failed in ${seconds.toFixed(1)} s`);
    }
  } finally {
    delete process.env.TEST_TEMPLATES_OWNER;
    if (templates) await templates.then(dropTestDatabases, () => dropTestDatabases());
  }
  console.log(`${passed} passed, ${failed} failed`);
  return status;
}

async function timed(work: Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work;
  return Number(process.hrtime.bigint() - started) / 1e9;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
