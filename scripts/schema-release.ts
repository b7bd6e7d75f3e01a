/**
 * `npm run schema:release -- <version>`: records the committed supergraph as release <version>:
 * writes schema/releases/<version>.graphql and adds the release, with today's UTC date and the
 * elements deprecated in it, to schema/releases/manifest.json. It refuses when the centers' schemas
 * do not compose to the supergraph committed at HEAD (run `npm run compose` and commit first), so a
 * release is always something in the history, and when the schema gate fails against the previous
 * release — a release never bakes in an unchecked break.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChannelOperations } from '../gateway/plugins/trustedDocuments/channelOperations';
import { projectRoot } from '../platform/paths';
import { composeSupergraph } from './composition';
import { describeGateReport, gateAgainstLatestRelease } from './schemaGate';
import { MANIFEST_FILE, RELEASES_DIRECTORY, cutRelease, latestRelease, manifestText, readReleaseManifest, utcDay } from './schemaReleases';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** schema/supergraph.graphql as committed at HEAD. */
function committedSupergraph(): string {
  return execFileSync('git', ['show', 'HEAD:schema/supergraph.graphql'], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function main(): Promise<void> {
  const version = process.argv[2];
  if (!version) fail('usage: npm run schema:release -- <version>   (MAJOR.MINOR.PATCH)');
  const composed = composeSupergraph();
  if (!composed.supergraphSdl) fail(`composition failed:\n${composed.errors.map((error) => `  - ${error}`).join('\n')}`);
  if (composed.supergraphSdl !== committedSupergraph()) {
    fail('the centers do not compose to the schema/supergraph.graphql committed at HEAD: run `npm run compose`, commit it, then release');
  }

  const today = utcDay(new Date());
  const report = await gateAgainstLatestRelease({ composedSupergraph: composed.supergraphSdl, operations: readChannelOperations(), today });
  if (report && !report.passed) {
    const failures = describeGateReport(report).failures.map((line) => `  - ${line}`);
    fail(`not released: the schema gate fails against release ${report.release}:\n${failures.join('\n')}`);
  }

  const release = cutRelease(readReleaseManifest(), composed.supergraphSdl, version, today);
  const releasePath = join(RELEASES_DIRECTORY, release.file.name);
  if (existsSync(releasePath)) fail(`${releasePath} already exists`);
  mkdirSync(RELEASES_DIRECTORY, { recursive: true });
  writeFileSync(releasePath, release.file.content);
  writeFileSync(join(RELEASES_DIRECTORY, MANIFEST_FILE), manifestText(release.manifest));
  const deprecated = Object.keys(latestRelease(release.manifest)!.deprecated).length;
  console.log(
    `released schema ${version} (${today}, ${deprecated} deprecated elements): wrote ${releasePath} and ${MANIFEST_FILE}; commit both`,
  );
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
