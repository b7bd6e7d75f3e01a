/**
 * Composes the centers' subgraph schemas into the supergraph with `@apollo/composition`.
 * Routing URLs are the default ports; deployments override them with `<CENTER>_URL`.
 */
import { existsSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { CENTERS, DEFAULT_PORTS } from '../platform/centers';
import { centerSchemaPath, centerTypeDefs } from '../subgraphs/kit/schema/load';

export interface CompositionResult {
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

export function composeSupergraph(): CompositionResult {
  const services = CENTERS.filter((center) => existsSync(centerSchemaPath(center))).map((center) => ({
    name: center,
    typeDefs: centerTypeDefs(center),
    url: `http://localhost:${DEFAULT_PORTS[center]}/graphql`,
  }));
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((error) => error.message), hints: [] };
  return { supergraphSdl: result.supergraphSdl, errors: [], hints: result.hints.map((hint) => hint.toString()) };
}
