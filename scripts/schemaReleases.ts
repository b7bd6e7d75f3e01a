/**
 * The released supergraphs. Each release is a file, `schema/releases/<version>.graphql`, with the
 * supergraph exactly as composed when it was cut; `schema/releases/manifest.json` records, oldest
 * first, each release's version, UTC day, file digest and the schema coordinates deprecated in it,
 * plus the deprecation period the gate demands before a release may drop an element. Files rather
 * than git tags, so that a clone without tags (CI) gates against the same release.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType } from 'graphql';
import { z } from 'zod';
import { apiSchemaOf } from '../gateway/supergraph/apiSchema';
import { projectRoot } from '../platform/paths';

export const RELEASES_DIRECTORY = join(projectRoot, 'schema', 'releases');
export const MANIFEST_FILE = 'manifest.json';

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const releaseRecordSchema = z.object({
  version: z.string().regex(VERSION, 'a version is MAJOR.MINOR.PATCH'),
  date: z.string().regex(DAY, 'a date is YYYY-MM-DD (UTC)'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  deprecated: z.record(z.string(), z.string()),
});

const manifestSchema = z.object({
  deprecationPeriodDays: z.number().int().positive(),
  releases: z.array(releaseRecordSchema),
});

export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;
export type ReleaseManifest = z.infer<typeof manifestSchema>;

/** The period a new manifest starts with; the manifest's own value is the one the gate applies. */
export const DEFAULT_DEPRECATION_PERIOD_DAYS = 90;

export const releaseFileName = (version: string): string => `${version}.graphql`;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The UTC calendar day of an instant, YYYY-MM-DD: the unit release dates and periods are counted in. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** Negative, zero or positive as version a is older than, equal to or newer than b. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The manifest in `directory`; undefined before the first release. Throws on a malformed one. */
export function readReleaseManifest(directory = RELEASES_DIRECTORY): ReleaseManifest | undefined {
  const path = join(directory, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const versions = parsed.data.releases.map((release) => release.version);
  versions.forEach((version, index) => {
    if (index > 0 && compareVersions(versions[index - 1]!, version) >= 0) throw new Error(`${path}: releases must be listed oldest first`);
  });
  return parsed.data;
}

export function latestRelease(manifest: ReleaseManifest): ReleaseRecord | undefined {
  return manifest.releases[manifest.releases.length - 1];
}

/** A release's supergraph; throws when the file is missing or differs from the digest recorded at release. */
export function readReleasedSupergraph(release: ReleaseRecord, directory = RELEASES_DIRECTORY): string {
  const path = join(directory, releaseFileName(release.version));
  if (!existsSync(path)) throw new Error(`release ${release.version}: ${path} is missing`);
  const sdl = readFileSync(path, 'utf8');
  if (sha256(sdl) !== release.sha256) {
    throw new Error(
      `release ${release.version}: ${path} differs from the file released (sha256 in ${MANIFEST_FILE}); a released file never changes`,
    );
  }
  return sdl;
}

/**
 * Every deprecated element of an API schema with its reason, by schema coordinate: `Type.field`,
 * `Type.field.argument`, `Input.field`, `Enum.VALUE` — the paths graphql-inspector names removals by.
 */
export function deprecatedCoordinates(schema: GraphQLSchema): Record<string, string> {
  const deprecated: Record<string, string> = {};
  const note = (coordinate: string, reason: string | null | undefined) => {
    if (reason != null) deprecated[coordinate] = reason;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        note(`${type.name}.${field.name}`, field.deprecationReason);
        for (const argument of field.args) note(`${type.name}.${field.name}.${argument.name}`, argument.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) note(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) note(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return Object.fromEntries(Object.entries(deprecated).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The release from which a coordinate has been deprecated without a break: the oldest of the
 * releases, ending with the latest, that all record it deprecated. Undefined when the latest
 * release does not record it (a deprecation withdrawn and made again starts over).
 */
export function deprecatedSince(manifest: ReleaseManifest, coordinate: string): ReleaseRecord | undefined {
  let since: ReleaseRecord | undefined;
  for (let index = manifest.releases.length - 1; index >= 0; index -= 1) {
    const release = manifest.releases[index]!;
    if (!(coordinate in release.deprecated)) break;
    since = release;
  }
  return since;
}

export interface CutRelease {
  manifest: ReleaseManifest;
  /** The release file's name in the releases directory and its exact content. */
  file: { name: string; content: string };
}

/** The manifest and file of a new release of `supergraphSdl` on `date`; throws for a version not newer than the latest. */
export function cutRelease(manifest: ReleaseManifest | undefined, supergraphSdl: string, version: string, date: string): CutRelease {
  if (!VERSION.test(version)) throw new Error(`release version ${JSON.stringify(version)}: expected MAJOR.MINOR.PATCH, e.g. 1.2.0`);
  const current = manifest ?? { deprecationPeriodDays: DEFAULT_DEPRECATION_PERIOD_DAYS, releases: [] };
  const latest = latestRelease(current);
  if (latest && compareVersions(version, latest.version) <= 0) {
    throw new Error(`release ${version} is not newer than the latest release, ${latest.version}`);
  }
  if (latest && daysBetween(latest.date, date) < 0) throw new Error(`release date ${date} is before the latest release's, ${latest.date}`);
  const record: ReleaseRecord = {
    version,
    date,
    sha256: sha256(supergraphSdl),
    deprecated: deprecatedCoordinates(apiSchemaOf(supergraphSdl)),
  };
  return {
    manifest: { ...current, releases: [...current.releases, record] },
    file: { name: releaseFileName(version), content: supergraphSdl },
  };
}

/** The manifest as written to disk: two-space JSON and a final newline. */
export function manifestText(manifest: ReleaseManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
