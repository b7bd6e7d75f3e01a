/**
 * A fleet for the replicas project: every center as `replicasPerCenter` processes of its own and `gateways` gateway
 * processes (scripts/start-subgraph.ts, scripts/start-gateway.ts, as a deployment runs them), each center's replicas
 * on one copy of its seeded template database, every process given every center's replicas as a list in
 * `<CENTER>_URL`, and a balancer (test/support/replicaBalancer.ts) in front of the gateways.
 *
 * The processes run under NODE_ENV=test: no development feature (trusted documents only, masked errors, channel
 * header required), rate limits scaled up for load, and the run's secrets and internal keys from the global setup.
 * Background workers run on their timers in every replica, as in production.
 *
 * `restart(process)` is one step of a rolling restart: SIGTERM, wait for the exit, start it again on its port, and
 * wait until every caller — each process that calls its kind, and the balancer for a gateway — counts it ready again
 * (their `bank_upstream_replicas` gauge): progress, not time, says when the next process may go.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { CENTERS, CenterName } from '../../platform/centers';
import { projectRoot } from '../../platform/paths';
import { Balancer, startBalancer } from './replicaBalancer';
import { createTestDatabase, testServerUrl, TestDatabase } from './databases';

export interface FleetProcess {
  /** A center's name, or `gateway`. */
  kind: CenterName | 'gateway';
  index: number;
  port: number;
  url: string;
  metricsUrl?: string;
  child?: ChildProcess;
  /** What it printed (stdout and stderr), for a failure's message. */
  output: string;
}

export interface Fleet {
  balancer: Balancer;
  processes: FleetProcess[];
  /** Every center's target address as the processes have it (`<CENTER>_URL`): its replicas, comma-separated. */
  targets: Record<CenterName, string>;
  databases: Partial<Record<CenterName, TestDatabase>>;
  restart(process: FleetProcess): Promise<void>;
  stop(): Promise<void>;
}

export interface FleetOptions {
  replicasPerCenter?: number;
  gateways?: number;
  readinessIntervalMs?: number;
}

const START_TIMEOUT_MS = 600_000;

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const replicasPerCenter = options.replicasPerCenter ?? 2;
  const readinessIntervalMs = options.readinessIntervalMs ?? 1_000;
  const databases: Partial<Record<CenterName, TestDatabase>> = {};
  await Promise.all(CENTERS.map(async (center) => (databases[center] = await createTestDatabase(center))));

  const processes: FleetProcess[] = [];
  for (const kind of [...CENTERS, 'gateway' as const]) {
    const count = kind === 'gateway' ? (options.gateways ?? 2) : replicasPerCenter;
    for (let index = 0; index < count; index++) {
      const port = await freePort();
      processes.push({ kind, index, port, url: `http://127.0.0.1:${port}/graphql`, output: '' });
    }
  }
  const targets = Object.fromEntries(
    CENTERS.map((center) => [
      center,
      processes
        .filter((process) => process.kind === center)
        .map((process) => process.url)
        .join(','),
    ]),
  ) as Record<CenterName, string>;

  const environment = (process: FleetProcess): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...globalThis.process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testServerUrl(),
      READINESS_INTERVAL_MS: String(readinessIntervalMs),
      // Generous budgets: the machine is shared, and a process just started is slow for a while.
      SUBGRAPH_TIMEOUT_MS: '120000',
      INTERNAL_CALL_TIMEOUT_MS: '120000',
    };
    // A deployed process is not a Jest worker (the response cache, for one, is off under Jest).
    delete env.JEST_WORKER_ID;
    for (const center of CENTERS) {
      env[`${center.toUpperCase()}_URL`] = targets[center];
      env[`${center.toUpperCase()}_DATABASE_URL`] = databases[center]!.url;
    }
    if (process.kind === 'gateway') {
      env.GATEWAY_PORT = String(process.port);
      env.GATEWAY_METRICS_PORT = '0';
    } else {
      env[`${process.kind.toUpperCase()}_PORT`] = String(process.port);
      env[`${process.kind.toUpperCase()}_METRICS_PORT`] = '0';
    }
    return env;
  };

  const start = async (fleetProcess: FleetProcess) => {
    const script = fleetProcess.kind === 'gateway' ? ['scripts/start-gateway.ts'] : ['scripts/start-subgraph.ts', fleetProcess.kind];
    // `node --import tsx`, not the tsx wrapper: the process signalled is the one that serves.
    const child = spawn(process.execPath, ['--import', 'tsx', ...script], {
      cwd: projectRoot,
      env: environment(fleetProcess),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fleetProcess.child = child;
    fleetProcess.output = '';
    // Both pipes are read to the end (a full pipe would stop the process); the last of it is kept for a failure's message.
    const keep = (chunk: Buffer) => (fleetProcess.output = (fleetProcess.output + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const started = await printed(child, fleetProcess, /: (http:\/\/\S+) \(metrics: (\S+)\)/);
    fleetProcess.metricsUrl = started[2];
  };

  // Centers first (each center's two replicas migrate and seed their one database together), then the gateways.
  await Promise.all(processes.filter((process) => process.kind !== 'gateway').map(start));
  await Promise.all(processes.filter((process) => process.kind === 'gateway').map(start));
  const balancer = await startBalancer(
    processes.filter((process) => process.kind === 'gateway').map((process) => process.url),
    readinessIntervalMs,
  );

  /** Every caller counts the kind's replicas all ready again. */
  const seenReadyByCallers = async (restarted: FleetProcess) => {
    if (restarted.kind === 'gateway') {
      const gateways = processes.filter((process) => process.kind === 'gateway').length;
      await until(async () => balancer.replicas.counts().ready === gateways, `the balancer to see ${restarted.url} ready`);
      return;
    }
    const target = targets[restarted.kind];
    const replicas = processes.filter((process) => process.kind === restarted.kind).length;
    for (const caller of processes) {
      if (caller === restarted || !caller.metricsUrl) continue;
      await until(async () => {
        const ready = await readyReplicas(caller.metricsUrl!, target);
        return ready === undefined || ready === replicas;
      }, `${caller.kind}#${caller.index} to see ${restarted.kind}#${restarted.index} ready`);
    }
  };

  return {
    balancer,
    processes,
    targets,
    databases,
    async restart(fleetProcess) {
      await stopProcess(fleetProcess);
      await start(fleetProcess);
      await seenReadyByCallers(fleetProcess);
    },
    async stop() {
      await balancer.close();
      await Promise.all(processes.map(async (process) => stopProcess(process).catch(() => process.child?.kill('SIGKILL'))));
      await Promise.all(Object.values(databases).map((database) => database.drop()));
    },
  };
}

/** SIGTERM, then the exit; a process still there after the start timeout is killed. */
async function stopProcess(fleetProcess: FleetProcess): Promise<void> {
  const child = fleetProcess.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${fleetProcess.kind}#${fleetProcess.index} exited with ${code}: ${fleetProcess.output}`);
}

function printed(child: ChildProcess, fleetProcess: FleetProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`${fleetProcess.kind} did not start: ${stdout}${fleetProcess.output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout!.off('data', onData);
        resolve(match);
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${fleetProcess.kind}#${fleetProcess.index} exited (${code}) while starting: ${stdout}${fleetProcess.output}`));
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** `bank_upstream_replicas{target=…, state="ready"}` of a process, or undefined when it has not called the target yet. */
async function readyReplicas(metricsUrl: string, target: string): Promise<number | undefined> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('bank_upstream_replicas{') && candidate.includes(`target="${target}"`) && candidate.includes('state="ready"'),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
