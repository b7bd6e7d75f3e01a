/**
 * The processes under test: started as children of the harness, each with its own log file,
 * polled until ready, measured from /proc (CPU time and resident memory of the process and its
 * descendants, so a gateway that forks workers is counted whole), and stopped by their own pid.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessStats {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  rssMiB: number;
}

export interface BenchProcess {
  name: string;
  pid: number;
  logFile: string;
  stats(): ProcessStats;
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

export function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, logDirectory: string): BenchProcess {
  const logFile = join(logDirectory, `${name}.log`);
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', out, out] });
  if (!child.pid) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    if (!stopping) console.error(`${name} exited early (code ${code}, signal ${signal}); see ${logFile}`);
  });
  let stopping = false;
  return {
    name,
    pid,
    logFile,
    stats: () => treeStats(pid),
    async stop() {
      stopping = true;
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx, or fails after `timeoutMs`. */
export async function waitUntilReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready at ${url} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function treeStats(root: number): ProcessStats {
  let ticks = 0;
  let rssKiB = 0;
  for (const pid of [root, ...descendants(root)]) {
    try {
      // Fields after the command name (which may hold spaces) start at state: utime is the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      rssKiB += rss ? Number(rss[1]) : 0;
    } catch {
      // the process ended between listing and reading
    }
  }
  return { cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, rssMiB: rssKiB / 1024 };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
