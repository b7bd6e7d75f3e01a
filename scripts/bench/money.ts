/**
 * What the money scenarios measure beyond the load: the account center's ledger audit before and
 * after (drift of the sum of every balance must be 0; no unbalanced entry, overdrawn customer
 * account or duplicate posting), and finance's outbox — the order events a transfer hands to its
 * relay (balance notices, marketing) are part of its cost, so the harness waits until they are
 * delivered before it reads CPU and SQL, and reports how far the relay had fallen behind.
 * All read from the centers process's control port (scripts/bench/centers.ts).
 */
import type { LedgerAudit } from '../../subgraphs/account/service/ledgerQueries';
import type { BenchEntry } from './report';
import { BenchSettings, centersControlPort } from './settings';

export type LedgerAuditAnswer = Omit<LedgerAudit, 'sumOfAllBalancesFen'> & { sumOfAllBalancesFen: string };

/** Longest wait for the relay to catch up after a measurement. */
const DRAIN_LIMIT_MS = 60_000;

async function control<T>(settings: BenchSettings, path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${centersControlPort(settings.portBase)}${path}`);
  if (!response.ok) throw new Error(`${path} failed: ${await response.text()}`);
  return (await response.json()) as T;
}

export function ledgerAudit(settings: BenchSettings): Promise<LedgerAuditAnswer> {
  return control<LedgerAuditAnswer>(settings, '/ledger-audit');
}

/** The order events left undelivered now, then the seconds until the relay has delivered every one. */
export async function drainOutbox(settings: BenchSettings): Promise<{ pendingAtEnd: number; drainSeconds: number }> {
  const pending = async () => (await control<{ pending: number }>(settings, '/outbox-backlog')).pending;
  const pendingAtEnd = await pending();
  const started = Date.now();
  while ((await pending()) > 0 && Date.now() - started < DRAIN_LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 250));
  return { pendingAtEnd, drainSeconds: (Date.now() - started) / 1000 };
}

export interface MoneyRound {
  ledgerBefore: LedgerAuditAnswer;
  ledgerAfter: LedgerAuditAnswer;
  outbox: { pendingAtEnd: number; drainSeconds: number };
}

type MoneyFigures = Pick<
  BenchEntry,
  'sqlStatementsPerOperationByCenter' | 'ledgerDriftFen' | 'ledgerFindings' | 'outboxPendingAtEnd' | 'outboxDrainSeconds' | 'sustainedRps'
>;

/** A money scenario's rounds into its entry's figures: drift summed, findings and backlog at their worst. */
export function moneyFigures(
  rounds: (MoneyRound & { seconds: number; sqlByCenter: Record<string, number> })[],
  requests: number,
): MoneyFigures {
  const sum = (pick: (round: (typeof rounds)[number]) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const worst = (pick: (round: (typeof rounds)[number]) => number) => Math.max(...rounds.map(pick));
  const centers = Object.keys(rounds[0]?.sqlByCenter ?? {});
  return {
    sqlStatementsPerOperationByCenter: Object.fromEntries(
      centers.map((center) => [center, requests ? sum((round) => round.sqlByCenter[center] ?? 0) / requests : 0]),
    ),
    ledgerDriftFen: rounds
      .reduce((drift, round) => drift + BigInt(round.ledgerAfter.sumOfAllBalancesFen) - BigInt(round.ledgerBefore.sumOfAllBalancesFen), 0n)
      .toString(),
    ledgerFindings: {
      unbalancedEntries: worst((round) => round.ledgerAfter.unbalancedEntries),
      overdrawnCustomerAccounts: worst((round) => round.ledgerAfter.overdrawnCustomerAccounts),
      duplicatePostings: worst((round) => round.ledgerAfter.duplicatePostings),
    },
    outboxPendingAtEnd: worst((round) => round.outbox.pendingAtEnd),
    outboxDrainSeconds: worst((round) => round.outbox.drainSeconds),
    sustainedRps: requests / sum((round) => round.seconds + round.outbox.drainSeconds),
  };
}
