/**
 * The run's figures: `bench/results.json` (one entry per scenario and peer, stable keys, so runs
 * compare) and `bench/results.md` (the same as a table), plus the table on the console.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths';
import type { PeerName, ScenarioName } from './settings';

export interface BenchEntry {
  scenario: ScenarioName;
  peer: PeerName;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU seconds of the process serving the peer (the gateway; for `direct` the centers process) per 1,000 requests. */
  cpuSecondsPer1000: number;
  /** Resident memory of that process at the end of the measurement. */
  rssMiB: number;
  /** CPU seconds of the centers process per 1,000 requests (the work behind the gateway). */
  centersCpuSecondsPer1000: number;
  /** SQL statements all centers sent, per operation. */
  sqlStatementsPerOperation: number;
  /** Per center, for the scenarios where the split says where the work is (money movement). */
  sqlStatementsPerOperationByCenter?: Record<string, number>;
  /** Money scenarios: change of the sum of every balance (customer + GL) over the measurement, in fen; must be 0. */
  ledgerDriftFen?: string;
  /** Money scenarios: what the account center's audit found after the measurement (all must be 0). */
  ledgerFindings?: { unbalancedEntries: number; overdrawnCustomerAccounts: number; duplicatePostings: number };
  /**
   * Money scenarios: finance's order events not yet delivered when the load stopped, and the seconds
   * its relay then needed to deliver them. The CPU and SQL per operation include that delivery.
   */
  outboxPendingAtEnd?: number;
  outboxDrainSeconds?: number;
  /** Money scenarios: requests over load seconds plus delivery seconds — what the whole pipeline sustains. */
  sustainedRps?: number;
  requests: number;
  failures: number;
}

export interface SqlBudgetCheck {
  operation: string;
  before: number;
  after: number;
  grownBy: string;
  constant: boolean;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; loadAverageAtStart: number[]; node: string };
  settings: Record<string, unknown>;
  entries: BenchEntry[];
  sqlBudget?: SqlBudgetCheck;
  notes: string[];
}

const PEER_LABEL: Record<PeerName, string> = {
  full: 'this gateway, full',
  bare: 'this gateway, bare',
  hive: 'Hive Gateway',
  'hive-rust': 'Hive Gateway + Rust planner',
  direct: 'subgraph direct',
};

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function markdownTable(report: BenchReport): string {
  const lines = [
    `| scenario | peer | req/s | p50 ms | p99 ms | gateway CPU s / 1k | gateway RSS MiB | centers CPU s / 1k | SQL / op | failures |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const entry of report.entries) {
    lines.push(
      `| ${entry.scenario} | ${PEER_LABEL[entry.peer]} | ${round(entry.rps, 0)} | ${round(entry.p50Ms)} | ${round(entry.p99Ms)} | ` +
        `${round(entry.cpuSecondsPer1000, 2)} | ${round(entry.rssMiB, 0)} | ${round(entry.centersCpuSecondsPer1000, 2)} | ` +
        `${round(entry.sqlStatementsPerOperation, 1)} | ${entry.failures} |`,
    );
  }
  const money = report.entries.filter((entry) => entry.ledgerDriftFen !== undefined);
  if (money.length) {
    lines.push(
      '',
      '| money scenario | sustained req/s | SQL / op by center | outbox events pending at end (delivered after) | ' +
        'ledger drift (fen) | unbalanced / overdrawn / duplicate |',
      '|---|---:|---|---|---:|---|',
    );
    for (const entry of money) {
      const byCenter = Object.entries(entry.sqlStatementsPerOperationByCenter ?? {})
        .filter(([, count]) => count >= 0.05)
        .map(([center, count]) => `${center} ${round(count, 1)}`)
        .join(', ');
      const findings = entry.ledgerFindings;
      const ledger = findings
        ? `${findings.unbalancedEntries} / ${findings.overdrawnCustomerAccounts} / ${findings.duplicatePostings}`
        : '—';
      lines.push(
        `| ${entry.scenario} | ${round(entry.sustainedRps ?? 0, 1)} | ${byCenter} | ` +
          `${entry.outboxPendingAtEnd ?? '—'} (${round(entry.outboxDrainSeconds ?? 0)} s) | ${entry.ledgerDriftFen} | ${ledger} |`,
      );
    }
  }
  return lines.join('\n');
}

export function writeReport(report: BenchReport, directory = join(projectRoot, 'bench')): string {
  mkdirSync(directory, { recursive: true });
  const rounded = {
    ...report,
    entries: report.entries.map((entry) => ({
      ...entry,
      rps: round(entry.rps, 1),
      p50Ms: round(entry.p50Ms, 2),
      p99Ms: round(entry.p99Ms, 2),
      cpuSecondsPer1000: round(entry.cpuSecondsPer1000, 3),
      rssMiB: round(entry.rssMiB, 1),
      centersCpuSecondsPer1000: round(entry.centersCpuSecondsPer1000, 3),
      sqlStatementsPerOperation: round(entry.sqlStatementsPerOperation, 2),
      outboxDrainSeconds: entry.outboxDrainSeconds === undefined ? undefined : round(entry.outboxDrainSeconds, 1),
      sustainedRps: entry.sustainedRps === undefined ? undefined : round(entry.sustainedRps, 1),
      sqlStatementsPerOperationByCenter: entry.sqlStatementsPerOperationByCenter
        ? Object.fromEntries(Object.entries(entry.sqlStatementsPerOperationByCenter).map(([center, count]) => [center, round(count, 2)]))
        : undefined,
    })),
  };
  writeFileSync(join(directory, 'results.json'), `${JSON.stringify(rounded, null, 2)}\n`);
  const table = markdownTable(report);
  const sqlBudget = report.sqlBudget;
  const budget = sqlBudget
    ? `\nSQL statements per ${sqlBudget.operation}: ${sqlBudget.before} before, ${sqlBudget.after} after ${sqlBudget.grownBy} — ` +
      `${sqlBudget.constant ? 'constant' : 'NOT constant'}.\n`
    : '';
  const notes = report.notes.map((note) => `- ${note}`).join('\n');
  writeFileSync(
    join(directory, 'results.md'),
    `# Benchmark results\n\nRun ${report.startedAt} on ${report.machine.cpus} CPUs ` +
      `(load average at start ${report.machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(' ')}), Node ${report.machine.node}.\n` +
      `Settings: ${JSON.stringify(report.settings)}\n\n${table}\n${budget}\n${notes}\n`,
  );
  return table;
}
