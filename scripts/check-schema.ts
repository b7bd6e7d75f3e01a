/**
 * `npm run check:schema`: the schema gate. Composes the centers' schemas and gates the result
 * against the latest release in schema/releases/ (not the committed supergraph, which a
 * compose-and-commit would have already changed). Fails (exit 1) when a change breaks a channel's
 * trusted operation, naming the channel and the operation, or removes an element whose recorded
 * deprecation period has not passed; lists what passed but deserves a look.
 */
import { readChannelOperations } from '../gateway/plugins/trustedDocuments/channelOperations';
import { composeSupergraph } from './composition';
import { describeGateReport, gateAgainstLatestRelease } from './schemaGate';
import { utcDay } from './schemaReleases';

async function main(): Promise<void> {
  const composed = composeSupergraph();
  if (!composed.supergraphSdl) {
    console.error(`composition failed:\n${composed.errors.map((error) => `  - ${error}`).join('\n')}`);
    process.exit(1);
  }
  const report = await gateAgainstLatestRelease({
    composedSupergraph: composed.supergraphSdl,
    operations: readChannelOperations(),
    today: utcDay(new Date()),
  });
  if (!report) {
    console.error('no schema release to gate against: cut one with `npm run schema:release -- <version>`');
    process.exit(1);
  }
  const { failures, notes } = describeGateReport(report);
  for (const note of notes) console.log(note);
  if (!report.passed) {
    console.error(`schema gate failed against release ${report.release}:`);
    for (const failure of failures) console.error(`  - ${failure}`);
    process.exit(1);
  }
  console.log(`schema gate passed against release ${report.release}: no channel operation is broken, no removal is early`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
