/**
 * The benchmark's settings from the environment, parsed in one place.
 *
 *   BENCH_DURATION_SECONDS  measured seconds per (scenario, peer)             default 8
 *   BENCH_WARMUP_SECONDS    unmeasured seconds per peer before its first round default 2
 *   BENCH_ROUNDS            the duration is split into rounds that alternate the peers, so a
 *                           burst of load from elsewhere on the machine hits every peer alike   default 2
 *   BENCH_CONNECTIONS       concurrent autocannon connections                 default 20
 *   BENCH_MAX_REQUESTS      cap on requests per measurement                   default 50000
 *   BENCH_PORT_BASE         centers on base+1…base+8, peers on base+20…       default 14000
 *   BENCH_SCENARIOS         comma-separated subset (home,products,history,transfers,transfers-single,events)
 *   BENCH_CUSTOMERS         bench customers of the many-customer `transfers` scenario: the first half
 *                           pay the second half, one payer per connection             default 40
 *   BENCH_RESULTS_DIR       where results.json and results.md are written              default bench/
 *   BENCH_PEERS             comma-separated subset (full,bare,hive,hive-rust,direct)
 *   BENCH_CPU_PROF          directory: run our gateways with --cpu-prof writing there
 *   DATABASE_URL            PostgreSQL server (else an embedded one under .data/bench-postgres)
 *   REDIS_URL               Redis for the full gateway's rate limits and revocations
 */
import { CENTERS, CenterName } from '../../platform/centers';

export const PEERS = ['full', 'bare', 'hive', 'hive-rust', 'direct'] as const;
export type PeerName = (typeof PEERS)[number];
export const SCENARIOS = ['home', 'products', 'history', 'transfers', 'transfers-single', 'events'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function subset<T extends string>(raw: string | undefined, all: readonly T[]): T[] {
  if (!raw) return [...all];
  const wanted = raw.split(',').map((part) => part.trim());
  return all.filter((name) => wanted.includes(name));
}

export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  maxRequests: number;
  portBase: number;
  scenarios: ScenarioName[];
  peers: PeerName[];
  cpuProfileDirectory?: string;
  crowdSize: number;
  resultsDirectory?: string;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationSeconds: positive(env.BENCH_DURATION_SECONDS, 8),
    warmupSeconds: positive(env.BENCH_WARMUP_SECONDS, 2),
    rounds: Math.round(positive(env.BENCH_ROUNDS, 2)),
    connections: positive(env.BENCH_CONNECTIONS, 20),
    maxRequests: positive(env.BENCH_MAX_REQUESTS, 50_000),
    portBase: positive(env.BENCH_PORT_BASE, 14_000),
    scenarios: subset(env.BENCH_SCENARIOS, SCENARIOS),
    peers: subset(env.BENCH_PEERS, PEERS),
    cpuProfileDirectory: env.BENCH_CPU_PROF || undefined,
    crowdSize: Math.max(2, Math.round(positive(env.BENCH_CUSTOMERS, 40))),
    resultsDirectory: env.BENCH_RESULTS_DIR || undefined,
  };
}

export function centerBenchPort(portBase: number, center: CenterName): number {
  return portBase + 1 + CENTERS.indexOf(center);
}

export function peerPort(portBase: number, peer: Exclude<PeerName, 'direct'>): number {
  return portBase + 20 + PEERS.indexOf(peer);
}

/** The centers process's bench-only endpoint (SQL statement counts). */
export function centersControlPort(portBase: number): number {
  return portBase + 10;
}
