/**
 * `npx tsx scripts/trusted-documents.ts [out.json]`: the trusted-document manifest channel apps
 * build against — per channel, operation name → id (sha256 of the document).
 * Outside development the gateway runs only these, sent by id.
 */
import { writeFileSync } from 'node:fs';
import { buildTrustedDocumentManifest } from '../gateway/plugins/trustedDocuments/channelOperations';

const manifest = buildTrustedDocumentManifest();
const output: Record<string, Record<string, string>> = {};
for (const [channel, documents] of manifest) {
  output[channel] = Object.fromEntries([...documents.values()].map((document) => [document.operationName, document.id]));
}
const json = `${JSON.stringify(output, null, 2)}\n`;
const out = process.argv[2];
if (out) {
  writeFileSync(out, json);
  console.log(`wrote ${out}`);
} else process.stdout.write(json);
