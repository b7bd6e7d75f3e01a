/**
 * A throw-away Redis Cluster for a test file: three masters with one replica each, from this
 * machine's `redis-server`, on spare ports, in a temporary folder, nothing persisted. Importing this
 * module is what puts a test file in the `redis-cluster` Jest project (see jest.config.js), which
 * `npm test` skips, saying so, where `redis-server` or `redis-cli` is missing.
 *
 * `cluster-node-timeout` is short (1 s) so that a killed master's replica takes over in seconds
 * rather than the 15 s default; `cluster-require-full-coverage no`, as the README recommends, keeps the
 * other masters answering while one master's slots have no server; everything else is Redis's
 * default failover.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';

const run = promisify(execFile);
const HOST = '127.0.0.1';
export const CLUSTER_NODE_TIMEOUT_MS = 1_000;

export interface ClusterNode {
  id: string;
  port: number;
  role: 'master' | 'replica';
  /** Slot ranges a master serves, e.g. [[0, 5460]]. */
  slots: [number, number][];
  /** The master a replica follows. */
  masterId?: string;
  failed: boolean;
}

export interface TestRedisCluster {
  /** Every node's `host:port`, comma-separated: the value of REDIS_CLUSTER_NODES. */
  readonly nodesSetting: string;
  readonly ports: readonly number[];
  /** The cluster's view of itself, asked of a node that is still running. */
  topology(): Promise<ClusterNode[]>;
  /** The port of the master that serves `slot` now. */
  masterPortOf(slot: number): Promise<number>;
  /** The port of the replica that follows the master on `masterPort`. */
  replicaPortOf(masterPort: number): Promise<number>;
  /** SIGKILL the node on `port`, as a crash would. */
  kill(port: number): void;
  /** SIGSTOP / SIGCONT the node on `port`: a replica held this way cannot take over until it is resumed. */
  pause(port: number): void;
  resume(port: number): void;
  /** Until the node on `port` is a master seen by the cluster (a replica promoted); the milliseconds it took. */
  untilPromoted(port: number, timeoutMs?: number): Promise<number>;
  /** Until every slot is served again (`cluster_state:ok`) as seen from every running node; the milliseconds it took. */
  untilHealthy(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Why this machine cannot run the redis-cluster project, or undefined when it can. */
export function redisClusterMissing(): string | undefined {
  for (const binary of ['redis-server', 'redis-cli']) {
    const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      return `\`${binary}\` is not installed or does not run (the project starts a six-node Redis Cluster from it; apt-get install redis-server)`;
    }
  }
  return undefined;
}

/** A port whose cluster bus port (port + 10000) is free as well. */
async function sparePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

async function untilAnswers(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const probe = new Redis({ host: HOST, port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`redis-server on port ${port} did not start`);
}

function parseNodes(text: string): ClusterNode[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, masterId, , , , , ...slotFields] = line.split(' ');
      const port = Number(/:(\d+)@/.exec(address!)![1]);
      const slots = slotFields
        .filter((field) => !field.startsWith('['))
        .map((field) => {
          const [from, to] = field.split('-').map(Number);
          return [from!, to ?? from!] as [number, number];
        });
      return {
        id: id!,
        port,
        role: flags!.includes('master') ? 'master' : 'replica',
        slots,
        masterId: masterId === '-' ? undefined : masterId,
        failed: /\bfail\b|fail\?/.test(flags!),
      } satisfies ClusterNode;
    });
}

export async function startRedisCluster(): Promise<TestRedisCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'bank-redis-cluster-'));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let index = 0; index < 6; index += 1) ports.push(await sparePort(taken));
  const processes = new Map<number, ChildProcess>();
  const killAll = () => processes.forEach((child) => child.kill('SIGKILL'));
  // A test process that dies without its afterAll must not leave six servers behind.
  process.once('exit', killAll);
  try {
    for (const port of ports) {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          HOST,
          '--dir',
          folder,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          String(CLUSTER_NODE_TIMEOUT_MS),
          '--cluster-require-full-coverage',
          'no',
          // A replica takes over however long it has been cut off (a test may hold it paused for a while).
          '--cluster-replica-validity-factor',
          '0',
          '--appendonly',
          'no',
          '--save',
          '',
          '--logfile',
          `redis-${port}.log`,
        ],
        { stdio: 'ignore' },
      );
      processes.set(port, child);
    }
    await Promise.all(ports.map(untilAnswers));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `${HOST}:${port}`), '--cluster-replicas', '1', '--cluster-yes']);
  } catch (error) {
    killAll();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }

  const paused = new Set<number>();
  const running = () =>
    ports.filter((port) => !paused.has(port) && processes.get(port)?.exitCode === null && processes.get(port)?.signalCode === null);
  async function ask<T>(port: number, work: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis({
      host: HOST,
      port,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  }
  const topology = async () => parseNodes((await ask(running()[0]!, (redis) => redis.cluster('NODES'))) as string);

  const cluster: TestRedisCluster = {
    nodesSetting: ports.map((port) => `${HOST}:${port}`).join(','),
    ports,
    topology,
    async masterPortOf(slot) {
      const master = (await topology()).find(
        (node) => node.role === 'master' && !node.failed && node.slots.some(([from, to]) => from <= slot && slot <= to),
      );
      if (!master) throw new Error(`no master serves slot ${slot}`);
      return master.port;
    },
    async replicaPortOf(masterPort) {
      const nodes = await topology();
      const master = nodes.find((node) => node.port === masterPort);
      const replica = nodes.find((node) => node.role === 'replica' && node.masterId === master?.id);
      if (!replica) throw new Error(`no replica follows the master on port ${masterPort}`);
      return replica.port;
    },
    kill(port) {
      processes.get(port)?.kill('SIGKILL');
    },
    pause(port) {
      paused.add(port);
      processes.get(port)?.kill('SIGSTOP');
    },
    resume(port) {
      paused.delete(port);
      processes.get(port)?.kill('SIGCONT');
    },
    async untilPromoted(port, timeoutMs = 30_000) {
      const started = Date.now();
      for (;;) {
        const node = (await topology().catch(() => [])).find((candidate) => candidate.port === port);
        if (node?.role === 'master' && !node.failed && node.slots.length > 0) return Date.now() - started;
        if (Date.now() - started > timeoutMs) throw new Error(`the node on port ${port} was not promoted within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async untilHealthy(timeoutMs = 30_000) {
      const started = Date.now();
      for (;;) {
        const states = await Promise.all(
          running().map((port) =>
            ask(port, async (redis) => {
              const info = (await redis.cluster('INFO')) as string;
              return /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info);
            }).catch(() => false),
          ),
        );
        if (states.every(Boolean)) return Date.now() - started;
        if (Date.now() - started > timeoutMs) throw new Error(`the cluster was not healthy again within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const exits = [...processes.values()]
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve)));
      killAll();
      await Promise.all(exits);
      process.off('exit', killAll);
      rmSync(folder, { recursive: true, force: true });
    },
  };
  await cluster.untilHealthy();
  // A replica takes over only with the master's data: wait until each one has synchronised.
  for (const replica of (await topology()).filter((node) => node.role === 'replica')) {
    for (let attempt = 0; ; attempt += 1) {
      const info = await ask(replica.port, (redis) => redis.info('replication'));
      if (/master_link_status:up/.test(info)) break;
      if (attempt > 300) throw new Error(`replica on port ${replica.port} did not synchronise`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return cluster;
}
