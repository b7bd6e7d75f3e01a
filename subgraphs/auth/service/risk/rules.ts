/**
 * Risk rules as data. A rule set has a version; a change by staff writes a whole new version (the
 * old rows stay, so every stored decision can be explained by the rules that made it). Thresholds
 * are parameters: amounts in fen as strings (bigint), counts and hours as integer strings.
 */
import type { PrismaClient, RiskRule } from '../../__generated__/prisma/client';

export type RiskOutcomeName = 'ALLOW' | 'CHALLENGE' | 'DENY';

export interface RuleDefinition {
  code: string;
  outcome: RiskOutcomeName;
  enabled: boolean;
  params: Record<string, string>;
}

/** The bank's starting rules (version 1). */
export const DEFAULT_RULES: readonly RuleDefinition[] = [
  // A transfer of 50,000.00 or more needs a step-up.
  { code: 'LARGE_AMOUNT', outcome: 'CHALLENGE', enabled: true, params: { minimumAmountFen: '5000000' } },
  { code: 'NEW_PAYEE', outcome: 'CHALLENGE', enabled: true, params: {} },
  { code: 'UNTRUSTED_DEVICE', outcome: 'CHALLENGE', enabled: true, params: {} },
  { code: 'AMOUNT_ABOVE_HISTORY', outcome: 'CHALLENGE', enabled: true, params: { multiple: '5', minimumHistory: '3' } },
  { code: 'VELOCITY', outcome: 'CHALLENGE', enabled: true, params: { maximumPerHour: '10' } },
  { code: 'VELOCITY_EXTREME', outcome: 'DENY', enabled: true, params: { maximumPerHour: '30' } },
  { code: 'NIGHT_HOURS', outcome: 'CHALLENGE', enabled: true, params: { fromHour: '0', toHour: '6', minimumAmountFen: '500000' } },
  {
    code: 'MINI_PROGRAM_AMOUNT',
    outcome: 'CHALLENGE',
    enabled: true,
    params: { minimumAmountFen: '2000000', channels: 'WECHAT_MINI,ALIPAY_MINI,WECHAT_BANKING' },
  },
  { code: 'CHANGED_ADDRESS', outcome: 'CHALLENGE', enabled: true, params: {} },
];

export const PARAMETER_PATTERNS: Record<string, RegExp> = {
  minimumAmountFen: /^\d{1,15}$/,
  multiple: /^\d{1,3}$/,
  minimumHistory: /^\d{1,3}$/,
  maximumPerHour: /^\d{1,5}$/,
  fromHour: /^(\d|1\d|2[0-3])$/,
  toHour: /^(\d|1\d|2[0-4])$/,
  channels: /^[A-Z_]+(,[A-Z_]+)*$/,
};

export interface RuleSet {
  version: number;
  rules: RuleDefinition[];
}

const toDefinition = (row: RiskRule): RuleDefinition => ({
  code: row.code,
  outcome: row.outcome as RiskOutcomeName,
  enabled: row.enabled,
  params: row.params as Record<string, string>,
});

export async function ensureDefaultRules(prisma: PrismaClient, now: Date): Promise<void> {
  if (await prisma.riskRule.count()) return;
  await prisma.riskRule.createMany({
    data: DEFAULT_RULES.map((rule) => ({ version: 1, ...rule, createdAt: now, createdBy: 'system' })),
    skipDuplicates: true,
  });
}

/**
 * The current rule set. The version check is one indexed query per decision (a decision folds it
 * into its one read of stored facts), so a change made in any auth process shows in the very next
 * decision everywhere.
 */
export class RuleSetCache {
  private cached?: RuleSet;

  constructor(private readonly prisma: PrismaClient) {}

  async current(): Promise<RuleSet> {
    const latest = await this.prisma.riskRule.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
    return this.atVersion(latest?.version ?? 0);
  }

  /** The rule set of a version the caller has just read as the latest; its rows are read only when it changed. */
  async atVersion(version: number): Promise<RuleSet> {
    if (this.cached?.version !== version) {
      const rows = await this.prisma.riskRule.findMany({ where: { version }, orderBy: { code: 'asc' } });
      this.cached = { version, rules: rows.map(toDefinition) };
    }
    return this.cached;
  }

  /**
   * Writes version n+1 with one rule changed and, in the same transaction, what `audit` writes about
   * it (the rule as it was and as it is now): a change is never without its audit row, nor the reverse.
   */
  async change(
    change: Partial<RuleDefinition> & { code: string },
    by: string,
    now: Date,
    audit: (tx: RuleChangeWriter, made: RuleChange) => Promise<void>,
  ): Promise<RuleSet> {
    return this.prisma.$transaction(async (tx) => {
      const latest = await tx.riskRule.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
      const version = latest?.version ?? 0;
      const rows = await tx.riskRule.findMany({ where: { version }, orderBy: { code: 'asc' } });
      const current = rows.map(toDefinition);
      const before = current.find((rule) => rule.code === change.code);
      if (!before) throw new RangeError(`no risk rule ${change.code}`);
      const after: RuleDefinition = {
        ...before,
        outcome: change.outcome ?? before.outcome,
        enabled: change.enabled ?? before.enabled,
        params: { ...before.params, ...change.params },
      };
      const next = current.map((rule) => (rule.code === change.code ? after : rule));
      // A concurrent change hits the (version, code) primary key and rolls back.
      await tx.riskRule.createMany({ data: next.map((rule) => ({ version: version + 1, ...rule, createdAt: now, createdBy: by })) });
      await audit(tx, { version: version + 1, before, after });
      return { version: version + 1, rules: next };
    });
  }
}

/** What a rule change's audit is written with: the change's own transaction. */
export type RuleChangeWriter = Pick<PrismaClient, 'auditEvent'>;

export interface RuleChange {
  version: number;
  before: RuleDefinition;
  after: RuleDefinition;
}
