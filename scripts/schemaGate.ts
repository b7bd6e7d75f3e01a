/**
 * The schema gate: a newly composed supergraph against the latest release. It fails when a change
 * breaks an operation a channel runs (naming the channel and the operation), when an operation no
 * longer validates, and when an element is removed without having been recorded deprecated in the
 * releases for the manifest's deprecation period. Other breaking changes that no channel
 * operation touches (a type left unreachable, an unused field's type) pass and are listed.
 */
import { ChangeType } from '@graphql-inspector/core';
import { parse, validate } from 'graphql';
import { apiSchemaOf } from '../gateway/supergraph/apiSchema';
import type { ChannelOperation } from '../gateway/plugins/trustedDocuments/channelOperations';
import { checkSchemaChange, type GovernanceReport } from './schemaGovernance';
import {
  RELEASES_DIRECTORY,
  addDays,
  daysBetween,
  deprecatedSince,
  latestRelease,
  readReleaseManifest,
  readReleasedSupergraph,
  type ReleaseManifest,
} from './schemaReleases';

/** Removals of elements GraphQL can mark `@deprecated`: these need the deprecation period. */
const REMOVALS_NEEDING_DEPRECATION = new Set<string>([
  ChangeType.FieldRemoved,
  ChangeType.FieldArgumentRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.EnumValueRemoved,
]);

export interface GateInput {
  manifest: ReleaseManifest;
  /** The supergraph of the manifest's latest release. */
  releasedSupergraph: string;
  composedSupergraph: string;
  operations: ChannelOperation[];
  /** The UTC day the deprecation periods are measured to, YYYY-MM-DD. */
  today: string;
}

export interface Removal {
  path: string;
  change: string;
}

export interface BlockedRemoval extends Removal {
  /** Why the removal may not ship yet, and when it may. */
  problem: string;
}

export interface InvalidOperation {
  channel: string;
  operation: string;
  errors: string[];
}

export interface GateReport extends GovernanceReport {
  /** The release gated against. */
  release: string;
  blockedRemovals: BlockedRemoval[];
  removedAfterDeprecation: (Removal & { since: string })[];
  /** Channel operations the composed schema rejects that no breaking change already named. */
  invalid: InvalidOperation[];
  passed: boolean;
}

/** Why a removal of `path` may not ship on `today`, or undefined when its deprecation period has passed. */
function removalProblem(manifest: ReleaseManifest, path: string, today: string): string | undefined {
  const period = manifest.deprecationPeriodDays;
  const since = deprecatedSince(manifest, path);
  const latest = latestRelease(manifest)!;
  if (!since) {
    return `not recorded deprecated in release ${latest.version}: mark it @deprecated, cut a release with it, and remove it ${period} days later`;
  }
  const elapsed = daysBetween(since.date, today);
  if (elapsed >= period) return undefined;
  const from = addDays(since.date, period);
  return `deprecated since release ${since.version} (${since.date}): ${elapsed} of the ${period} days' deprecation period have passed, removable from ${from}`;
}

export async function gateSchemaChange(input: GateInput): Promise<GateReport> {
  const latest = latestRelease(input.manifest);
  if (!latest) throw new Error('the release manifest records no release to gate against');
  const governance = await checkSchemaChange(input.releasedSupergraph, input.composedSupergraph, input.operations);
  const report: GateReport = {
    ...governance,
    unusedBreaking: [],
    release: latest.version,
    blockedRemovals: [],
    removedAfterDeprecation: [],
    invalid: [],
    passed: false,
  };

  for (const change of governance.unusedBreaking) {
    if (!REMOVALS_NEEDING_DEPRECATION.has(change.type)) {
      report.unusedBreaking.push(change);
      continue;
    }
    const removal = { path: change.path, change: change.message };
    const problem = removalProblem(input.manifest, change.path, input.today);
    if (problem) report.blockedRemovals.push({ ...removal, problem });
    else report.removedAfterDeprecation.push({ ...removal, since: deprecatedSince(input.manifest, change.path)!.version });
  }

  // A diff names what changed between the releases; validation also catches an operation that
  // relies on something added after the release and gone again.
  const composedSchema = apiSchemaOf(input.composedSupergraph);
  const named = new Set(governance.broken.map((broken) => `${broken.channel} ${broken.operation}`));
  for (const operation of input.operations) {
    if (named.has(`${operation.channel} ${operation.file}`)) continue;
    const errors = validate(composedSchema, parse(operation.document)).map((error) => error.message);
    if (errors.length > 0) report.invalid.push({ channel: operation.channel, operation: operation.file, errors });
  }

  report.passed = report.broken.length === 0 && report.blockedRemovals.length === 0 && report.invalid.length === 0;
  return report;
}

/**
 * The gate against the latest release recorded in `directory` (its manifest and release file, the
 * file checked against its digest); undefined when no release has been cut yet.
 */
export async function gateAgainstLatestRelease(
  input: Omit<GateInput, 'manifest' | 'releasedSupergraph'>,
  directory = RELEASES_DIRECTORY,
): Promise<GateReport | undefined> {
  const manifest = readReleaseManifest(directory);
  const latest = manifest && latestRelease(manifest);
  if (!manifest || !latest) return undefined;
  return gateSchemaChange({ ...input, manifest, releasedSupergraph: readReleasedSupergraph(latest, directory) });
}

/** The report as lines: `failures` explain why the gate fails, `notes` list what passed but deserves a look. */
export function describeGateReport(report: GateReport): { failures: string[]; notes: string[] } {
  const failures = [
    ...report.broken.map((broken) => `${broken.channel} ${broken.operation} breaks: ${broken.change}`),
    ...report.invalid.map((invalid) => `${invalid.channel} ${invalid.operation} no longer validates: ${invalid.errors.join('; ')}`),
    ...report.blockedRemovals.map((removal) => `${removal.path} removed too early: ${removal.change}; ${removal.problem}`),
  ];
  const notes = [
    ...report.removedAfterDeprecation.map(
      (removal) => `${removal.path} removed after its deprecation period (deprecated since ${removal.since})`,
    ),
    ...report.unusedBreaking.map((change) => `breaking but unused by any channel operation: ${change.message}`),
    ...report.deprecated.map((usage) => `deprecated ${usage.path} (${usage.reason}) still used by: ${usage.usedBy.join(', ')}`),
  ];
  return { failures, notes };
}
