/**
 * `npx tsx scripts/check-schema.ts`: composes the centers' schemas and compares the result with
 * the committed schema/supergraph.graphql. Fails (exit 1) on any breaking change to a type or
 * field that a channel's trusted operation uses, naming the channel and the operation; lists
 * the deprecated fields channels still use, so their removal can be planned.
 */
import { readSupergraph } from '../gateway/supergraph/supergraphFile';
import { composeSupergraph } from './composition';
import { readChannelOperations } from '../gateway/plugins/trustedDocuments/channelOperations';
import { checkSchemaChange } from './schemaGovernance';

async function main(): Promise<void> {
  const composed = composeSupergraph();
  if (!composed.supergraphSdl) {
    console.error(`composition failed:\n${composed.errors.map((error) => `  - ${error}`).join('\n')}`);
    process.exit(1);
  }
  const report = await checkSchemaChange(readSupergraph(), composed.supergraphSdl, readChannelOperations());
  for (const usage of report.deprecated) {
    console.log(`deprecated ${usage.path} (${usage.reason}) still used by: ${usage.usedBy.join(', ')}`);
  }
  for (const change of report.unusedBreaking) console.log(`breaking but unused by any channel operation: ${change}`);
  if (report.broken.length > 0) {
    console.error('breaking changes to fields channels use:');
    for (const broken of report.broken) console.error(`  - ${broken.channel} ${broken.operation}: ${broken.change}`);
    process.exit(1);
  }
  console.log('schema check passed: no channel operation is broken');
}

void main();
