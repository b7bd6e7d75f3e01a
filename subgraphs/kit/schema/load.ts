import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, DocumentNode } from 'graphql';
import type { CenterName } from '../../../platform/centers';
import { projectRoot } from '../../../platform/paths';

const sharedPath = join(projectRoot, 'subgraphs', 'kit', 'schema', 'shared.graphql');

/** The kit's shared value types, included verbatim by every center. */
export function sharedTypeDefsSource(): string {
  return readFileSync(sharedPath, 'utf8');
}

export function centerSchemaPath(center: CenterName): string {
  return join(projectRoot, 'subgraphs', center, 'schema.graphql');
}

/** A center's full subgraph SDL: its own `schema.graphql` plus the shared value types. */
export function centerTypeDefsSource(center: CenterName): string {
  return `${readFileSync(centerSchemaPath(center), 'utf8')}\n${sharedTypeDefsSource()}`;
}

export function centerTypeDefs(center: CenterName): DocumentNode {
  return parse(centerTypeDefsSource(center));
}
