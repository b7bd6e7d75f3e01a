/**
 * `npm run image:recipe [-- <center>] [--keep]`: builds the image's file tree without a Docker engine
 * and starts a role from it. It reads the root Dockerfile (scripts/image/dockerfile.ts), so what it runs
 * is exactly the image's COPY and RUN lines, in order, stage by stage, each stage in its own folder under
 * a fresh temporary directory (a stage's absolute paths live below that folder; the build context is the
 * repository, filtered by .dockerignore). The base image's own files are not there: the machine's Node
 * stands in for the image's.
 *
 * Then it prints the size of what the final stage copies (the image's own layers above the base), and
 * starts the image's ENTRYPOINT as `center <center>` (default product) in production mode, as the image's
 * USER when this runs as root, against the PostgreSQL at DATABASE_URL, on a throw-away database, with its
 * signing key and trusted keys as mounted files — and requires /health/live and /health/ready to answer
 * 200 and the public port to refuse /metrics. The database is dropped and the folder removed afterwards.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, posix, relative } from 'node:path';
import { Client } from 'pg';
import { isCenterName } from '../platform/centers';
import { generateInternalKey } from '../platform/identity/internalKeys';
import { projectRoot } from '../platform/paths';
import { dockerignore, parseDockerfile, Stage } from './image/dockerfile';

const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const center = argv.find((word) => !word.startsWith('--')) ?? 'product';
if (!isCenterName(center)) {
  console.error(`usage: npm run image:recipe [-- <center>] [--keep]`);
  process.exit(2);
}

const stages = parseDockerfile(readFileSync(join(projectRoot, 'Dockerfile'), 'utf8'));
const ignored = dockerignore(
  existsSync(join(projectRoot, '.dockerignore')) ? readFileSync(join(projectRoot, '.dockerignore'), 'utf8') : '',
);
const workspace = mkdtempSync(join(tmpdir(), 'image-recipe-'));
chmodSync(workspace, 0o755);
const stageRoot = (name: string) => join(workspace, 'stages', name);

/** A stage's absolute container path, inside its folder. */
function inStage(stage: string, containerPath: string): string {
  return join(stageRoot(stage), posix.normalize(containerPath));
}

/** Copies a build-context path, leaving out what .dockerignore excludes. */
function copyFromContext(source: string, target: string): void {
  const from = join(projectRoot, source);
  if (!existsSync(from)) throw new Error(`COPY ${source}: no such file in the build context`);
  cpSync(from, target, {
    recursive: true,
    filter: (path) => {
      const inContext = relative(projectRoot, path).split('\\').join('/');
      return inContext === '' || !ignored(inContext);
    },
  });
}

interface StageState {
  workdir: string;
  env: Record<string, string>;
  user?: string;
  entrypoint: string[];
  cmd: string[];
}

function runStage(stage: Stage): StageState {
  const state: StageState = { workdir: '/', env: {}, entrypoint: [], cmd: [] };
  mkdirSync(stageRoot(stage.name), { recursive: true, mode: 0o755 });
  for (const instruction of stage.instructions) {
    switch (instruction.kind) {
      case 'WORKDIR':
        state.workdir = posix.resolve(state.workdir, instruction.path);
        mkdirSync(inStage(stage.name, state.workdir), { recursive: true });
        break;
      case 'ENV':
        Object.assign(state.env, instruction.values);
        break;
      case 'COPY': {
        const destination = posix.resolve(state.workdir, instruction.destination);
        const intoFolder = instruction.destination.endsWith('/') || instruction.sources.length > 1;
        for (const source of instruction.sources) {
          const target = inStage(stage.name, intoFolder ? posix.join(destination, basename(source)) : destination);
          if (instruction.from !== undefined) {
            // `--from` a stage: its folder stands in for its file system (`cp -a`: links and modes as they are, and fast).
            mkdirSync(join(target, '..'), { recursive: true });
            execFileSync('cp', ['-a', '-T', inStage(instruction.from, source), target]);
          } else {
            copyFromContext(source, target);
          }
        }
        console.log(
          `  ${stage.name}: COPY ${instruction.from ? `--from=${instruction.from} ` : ''}${instruction.sources.join(' ')} ${instruction.destination}`,
        );
        break;
      }
      case 'RUN': {
        console.log(`  ${stage.name}: RUN ${instruction.command}`);
        const started = Date.now();
        execFileSync('/bin/sh', ['-c', instruction.command], {
          cwd: inStage(stage.name, state.workdir),
          env: { ...process.env, ...state.env },
          stdio: 'inherit',
        });
        console.log(`  ${stage.name}: RUN done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        break;
      }
      case 'USER':
        state.user = instruction.user;
        break;
      case 'ENTRYPOINT':
        state.entrypoint = instruction.argv;
        break;
      case 'CMD':
        state.cmd = instruction.argv;
        break;
      case 'EXPOSE':
        break;
    }
  }
  return state;
}

/** Bytes and files below a folder (symlinks counted as links, as a layer stores them). */
function treeSize(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = treeSize(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += lstatSync(path).size;
      files += 1;
    }
  }
  return { bytes, files };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, exited: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the role exited before it was ready');
    try {
      const response = await fetch(url);
      if (response.status === 200) return response.status;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Runs the final stage's entrypoint as `center <name>` and checks its probes. */
async function startRole(state: StageState, finalStage: string): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: the role needs a PostgreSQL server');
  const prefix = `image_recipe_${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const secrets = join(workspace, 'secrets');
  mkdirSync(secrets, { mode: 0o755 });
  // The center's own private key and the gateway's public key, as Kubernetes mounts them: files.
  const own = generateInternalKey(center as never);
  const gateway = generateInternalKey('gateway');
  writeFileSync(join(secrets, 'signing-key.pem'), own.privateKeyPem, { mode: 0o644 });
  writeFileSync(join(secrets, 'trusted-keys.json'), JSON.stringify({ keys: [gateway.jwk] }), { mode: 0o644 });
  const upper = center.toUpperCase();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/tmp',
    ...state.env,
    DATABASE_URL: serverUrl,
    DATABASE_NAME_PREFIX: prefix,
    CENTER_HOST: '127.0.0.1',
    [`${upper}_PORT`]: String(port),
    [`${upper}_METRICS_PORT`]: '0',
    [`${upper}_INTERNAL_SIGNING_KEY_FILE`]: join(secrets, 'signing-key.pem'),
    INTERNAL_TRUSTED_KEYS_FILE: join(secrets, 'trusted-keys.json'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    CENTER_WORKERS: 'off',
  };
  const [command, ...entryArgs] = state.entrypoint;
  if (!command) throw new Error('the final stage has no ENTRYPOINT');
  const args = [...entryArgs, 'center', center];
  // As the image's USER when root can switch to it: the process then also proves it needs no write access to its code.
  const asUser = process.getuid?.() === 0 && state.user && /^\d+(:\d+)?$/.test(state.user);
  const [uid, gid = uid] = (state.user ?? '').split(':');
  const spawned = asUser
    ? spawn('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', command, ...args], {
        cwd: inStage(finalStage, state.workdir),
        env,
        stdio: 'inherit',
      })
    : spawn(command, args, { cwd: inStage(finalStage, state.workdir), env, stdio: 'inherit' });
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    spawned.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  console.log(
    `  starting: ${[command, ...args].join(' ')} (${asUser ? `as ${state.user}` : 'as this user'}, port ${port}, databases ${prefix}_*)`,
  );
  const started = Date.now();
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health/live`, () => exitCode !== undefined, 180_000);
    await waitForHealth(`${base}/health/ready`, () => exitCode !== undefined, 60_000);
    const metrics = await fetch(`${base}/metrics`);
    if (metrics.status !== 404) throw new Error(`the public port answered /metrics with ${metrics.status}, not 404`);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${spawned.pid}/status`, 'utf8'))?.[1];
    console.log(
      `  ${center} center ready in ${((Date.now() - started) / 1000).toFixed(1)} s: /health/live 200, /health/ready 200, public /metrics 404` +
        (rss ? `; resident memory ${(Number(rss) / 1024).toFixed(0)} MiB` : ''),
    );
  } finally {
    const stopping = Date.now();
    if (exitCode === undefined) spawned.kill('SIGTERM');
    await exit;
    console.log(`  stopped (exit ${exitCode}) in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `image recipe: ${stages.length} stages (${stages.map((stage) => `${stage.name} from ${stage.base}`).join(', ')}) in ${workspace}`,
  );
  let finalState: StageState | undefined;
  for (const stage of stages) finalState = runStage(stage);
  const finalStage = stages.at(-1)!.name;
  const { bytes, files } = treeSize(stageRoot(finalStage));
  console.log(
    `image copy size (final stage ${finalStage}, above ${stages.at(-1)!.base}): ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${files} files`,
  );
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await startRole(finalState!, finalStage);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (keep) console.log(`kept ${workspace}`);
    else {
      // `rm -rf`: several times faster than a recursive rmSync over the tens of thousands of files of two stages.
      const removing = Date.now();
      execFileSync('rm', ['-rf', workspace]);
      console.log(`removed ${workspace} in ${((Date.now() - removing) / 1000).toFixed(1)} s`);
    }
  });
