import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths';

export const SUPERGRAPH_PATH = join(projectRoot, 'schema', 'supergraph.graphql');

/** The committed supergraph (`npm run compose`); the gateway never composes at run time. */
export function readSupergraph(path = SUPERGRAPH_PATH): string {
  return readFileSync(path, 'utf8');
}
