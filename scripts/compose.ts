/** `npm run compose`: writes schema/supergraph.graphql, or fails with composition's errors. */
import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../gateway/supergraph/supergraphFile';
import { composeSupergraph } from './composition';

const result = composeSupergraph();
if (!result.supergraphSdl) {
  console.error(`composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
console.log(`wrote ${SUPERGRAPH_PATH}${result.hints.length ? ` (${result.hints.length} hints)` : ''}`);
