import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { readChannelOperations } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { checkSchemaChange } from '../../scripts/schemaGovernance';
import { describeGateReport, gateAgainstLatestRelease, gateSchemaChange } from '../../scripts/schemaGate';
import {
  MANIFEST_FILE,
  RELEASES_DIRECTORY,
  cutRelease,
  latestRelease,
  manifestText,
  readReleaseManifest,
  readReleasedSupergraph,
  type ReleaseManifest,
} from '../../scripts/schemaReleases';

/**
 * The schema gate compares the composed supergraph with the latest release, so a break that was
 * composed and committed is still caught; a removal passes only after its recorded deprecation
 * period. The fixtures are the committed supergraph with one edit each.
 */
const committed = readSupergraph();
const operations = readChannelOperations();

const MASKED_NUMBER = /^(\s*)(maskedNumber: String!)(.*)$/m;
/** The supergraph with a line added after Account.maskedNumber. */
const withAccountField = (line: string) => committed.replace(MASKED_NUMBER, `$1$2$3\n$1${line}`);
const withoutMaskedNumber = committed.replace(/\n\s*"""[^"]*"""\s*\n\s*maskedNumber: String!.*$/m, '');
const legacyDeprecated = withAccountField('legacyCode: String @deprecated(reason: "use maskedNumber")');
const legacyPlain = withAccountField('legacyCode: String');

/** A manifest of releases cut in order, each `[supergraph, version, date]`. */
function releases(...cuts: [string, string, string][]): ReleaseManifest {
  let manifest: ReleaseManifest | undefined;
  for (const [sdl, version, date] of cuts) manifest = cutRelease(manifest, sdl, version, date).manifest;
  return manifest!;
}

async function gate(manifest: ReleaseManifest, releasedSupergraph: string, composedSupergraph: string, today = '2026-06-01') {
  return gateSchemaChange({ manifest, releasedSupergraph, composedSupergraph, operations, today });
}

test('the fixtures are edits of the committed supergraph', () => {
  for (const edited of [withoutMaskedNumber, legacyDeprecated, legacyPlain]) expect(edited).not.toBe(committed);
});

describe('breaking changes', () => {
  test('a break already composed and committed still fails against the release, naming channel and operation', async () => {
    // After compose-and-commit the committed supergraph equals the composed one: that comparison sees nothing.
    const againstCommitted = await checkSchemaChange(withoutMaskedNumber, withoutMaskedNumber, operations);
    expect(againstCommitted.broken).toEqual([]);

    const report = await gate(releases([committed, '1.0.0', '2026-01-01']), committed, withoutMaskedNumber);
    expect(report.passed).toBe(false);
    expect(report.release).toBe('1.0.0');
    const users = report.broken.filter((broken) => broken.path === 'Account.maskedNumber').map((b) => `${b.channel} ${b.operation}`);
    expect(users).toEqual(expect.arrayContaining(['MOBILE_APP HomeScreen.graphql', 'WEB AccountHistory.graphql']));
    expect(describeGateReport(report).failures).toContain(
      "MOBILE_APP HomeScreen.graphql breaks: Field 'maskedNumber' was removed from object type 'Account'",
    );
  });

  test('a deprecated field channels still use cannot be removed, however long ago it was deprecated', async () => {
    const deprecated = committed.replace(MASKED_NUMBER, '$1$2 @deprecated(reason: "use displayNumber")$3');
    const manifest = releases([deprecated, '1.0.0', '2025-01-01']);
    expect(latestRelease(manifest)?.deprecated['Account.maskedNumber']).toBe('use displayNumber');
    const report = await gate(manifest, deprecated, withoutMaskedNumber, '2026-06-01');
    expect(report.passed).toBe(false);
    expect(report.broken.map((broken) => `${broken.channel} ${broken.operation}`)).toContain('MOBILE_APP HomeScreen.graphql');
  });

  test('a new required argument on a field a channel calls names the operations calling it', async () => {
    const withArgument = committed.replace(/^(\s*)me: User /m, '$1me(branch: ID!): User ');
    expect(withArgument).not.toBe(committed);
    const report = await gate(releases([committed, '1.0.0', '2026-01-01']), committed, withArgument);
    expect(report.passed).toBe(false);
    const callers = report.broken.filter((broken) => broken.path === 'Query.me.branch').map((b) => `${b.channel} ${b.operation}`);
    expect(callers).toEqual(expect.arrayContaining(['MOBILE_APP HomeScreen.graphql']));
  });
});

describe('additive changes', () => {
  test('a new field passes with nothing to report', async () => {
    const report = await gate(releases([committed, '1.0.0', '2026-01-01']), committed, withAccountField('nickname: String'));
    expect(report.passed).toBe(true);
    expect(describeGateReport(report).failures).toEqual([]);
    expect(report.unusedBreaking).toEqual([]);
    expect(report.blockedRemovals).toEqual([]);
  });

  test('the released schema against itself passes', async () => {
    expect((await gate(releases([committed, '1.0.0', '2026-01-01']), committed, committed)).passed).toBe(true);
  });
});

describe('removals and the deprecation period', () => {
  const deprecatedOnNewYear = releases([legacyDeprecated, '1.0.0', '2026-01-01']);

  test('the release records the deprecation, and a period of 90 days applies', () => {
    expect(deprecatedOnNewYear.deprecationPeriodDays).toBe(90);
    expect(latestRelease(deprecatedOnNewYear)?.deprecated['Account.legacyCode']).toBe('use maskedNumber');
  });

  test('a removal passes once the recorded deprecation period has passed', async () => {
    const report = await gate(deprecatedOnNewYear, legacyDeprecated, committed, '2026-04-01');
    expect(report.passed).toBe(true);
    expect(report.removedAfterDeprecation).toEqual([
      { path: 'Account.legacyCode', change: "Field 'legacyCode' (deprecated) was removed from object type 'Account'", since: '1.0.0' },
    ]);
  });

  test('a removal a day before the period ends fails, saying since when, how long and from when', async () => {
    const report = await gate(deprecatedOnNewYear, legacyDeprecated, committed, '2026-03-31');
    expect(report.passed).toBe(false);
    expect(report.broken).toEqual([]);
    expect(describeGateReport(report).failures).toEqual([
      "Account.legacyCode removed too early: Field 'legacyCode' (deprecated) was removed from object type 'Account'; " +
        "deprecated since release 1.0.0 (2026-01-01): 89 of the 90 days' deprecation period have passed, removable from 2026-04-01",
    ]);
  });

  test('a removal of an element never recorded deprecated fails, however old the release', async () => {
    const report = await gate(releases([legacyPlain, '1.0.0', '2020-01-01']), legacyPlain, committed, '2026-06-01');
    expect(report.passed).toBe(false);
    expect(report.blockedRemovals.map((removal) => removal.problem)).toEqual([
      'not recorded deprecated in release 1.0.0: mark it @deprecated, cut a release with it, and remove it 90 days later',
    ]);
  });

  test('the period runs from the first of the releases that have recorded the deprecation since', async () => {
    const kept = releases([legacyDeprecated, '1.0.0', '2026-01-01'], [legacyDeprecated, '1.1.0', '2026-03-20']);
    expect((await gate(kept, legacyDeprecated, committed, '2026-04-01')).passed).toBe(true);

    // Withdrawn in 1.1.0 and deprecated again in 1.2.0: the period starts over at 1.2.0.
    const withdrawn = releases(
      [legacyDeprecated, '1.0.0', '2026-01-01'],
      [legacyPlain, '1.1.0', '2026-02-01'],
      [legacyDeprecated, '1.2.0', '2026-03-01'],
    );
    const report = await gate(withdrawn, legacyDeprecated, committed, '2026-04-01');
    expect(report.passed).toBe(false);
    expect(report.blockedRemovals[0]?.problem).toMatch(/^deprecated since release 1\.2\.0 \(2026-03-01\): 31 of the 90 days/);
  });
});

describe('release files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'schema-releases-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function write(manifest: ReleaseManifest, sdl: string): void {
    writeFileSync(join(directory, `${latestRelease(manifest)!.version}.graphql`), sdl);
    writeFileSync(join(directory, MANIFEST_FILE), manifestText(manifest));
  }

  test('the gate reads the latest release from its directory: a composed-and-committed break fails against it', async () => {
    expect(await gateAgainstLatestRelease({ composedSupergraph: committed, operations, today: '2026-06-01' }, directory)).toBeUndefined();
    const first = cutRelease(undefined, legacyPlain, '1.0.0', '2026-01-01');
    const second = cutRelease(first.manifest, committed, '1.1.0', '2026-02-01');
    write(second.manifest, second.file.content);
    const manifest = readReleaseManifest(directory)!;
    expect(manifest).toEqual(second.manifest);
    expect(readReleasedSupergraph(latestRelease(manifest)!, directory)).toBe(committed);

    // The break is what schema/supergraph.graphql would hold after compose-and-commit; only the release counts.
    const report = await gateAgainstLatestRelease({ composedSupergraph: withoutMaskedNumber, operations, today: '2026-06-01' }, directory);
    expect(report?.release).toBe('1.1.0');
    expect(report?.passed).toBe(false);
    expect(report?.broken.map((broken) => `${broken.channel} ${broken.operation}`)).toContain('MOBILE_APP HomeScreen.graphql');
    expect((await gateAgainstLatestRelease({ composedSupergraph: committed, operations, today: '2026-06-01' }, directory))?.passed).toBe(
      true,
    );
  });

  test('a release file changed after release is refused', () => {
    const cut = cutRelease(undefined, committed, '1.0.0', '2026-01-01');
    write(cut.manifest, withoutMaskedNumber);
    expect(() => readReleasedSupergraph(latestRelease(cut.manifest)!, directory)).toThrow(/differs from the file released/);
  });

  test('a release must be newer than the latest, and the manifest lists releases oldest first', () => {
    const first = cutRelease(undefined, committed, '1.2.0', '2026-01-01').manifest;
    expect(() => cutRelease(first, committed, '1.2.0', '2026-02-01')).toThrow('release 1.2.0 is not newer than the latest release, 1.2.0');
    expect(() => cutRelease(first, committed, '1.10.0', '2025-12-31')).toThrow(/before the latest release's/);
    expect(() => cutRelease(first, committed, 'v2', '2026-02-01')).toThrow(/expected MAJOR\.MINOR\.PATCH/);
    const second = cutRelease(first, committed, '1.10.0', '2026-02-01').manifest;
    write({ ...second, releases: [...second.releases].reverse() }, committed);
    expect(() => readReleaseManifest(directory)).toThrow(/oldest first/);
  });

  test("the repository's latest release is intact and recorded with its deprecations", () => {
    const manifest = readReleaseManifest(RELEASES_DIRECTORY);
    const latest = manifest && latestRelease(manifest);
    expect(latest).toBeDefined();
    const released = readReleasedSupergraph(latest!);
    const recut = cutRelease(undefined, released, latest!.version, latest!.date);
    expect(latestRelease(recut.manifest)?.deprecated).toEqual(latest!.deprecated);
    expect(readFileSync(join(RELEASES_DIRECTORY, `${latest!.version}.graphql`), 'utf8')).toBe(released);
  });
});
