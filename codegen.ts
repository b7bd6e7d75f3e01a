/**
 * Typed resolver signatures for every center, generated from its SDL plus the kit's shared
 * types into `subgraphs/<center>/__generated__/resolvers-types.ts` (build output, not committed).
 * Entities map to the center's own records (`mappers`), so resolvers are checked against the
 * rows they really receive.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { existsSync, readFileSync } from 'node:fs';
import { CENTERS } from './platform/centers';

const generates: CodegenConfig['generates'] = {};
for (const center of CENTERS) {
  const schema = `subgraphs/${center}/schema.graphql`;
  if (!existsSync(schema)) continue;
  const mappersFile = `subgraphs/${center}/mappers.json`;
  generates[`subgraphs/${center}/__generated__/resolvers-types.ts`] = {
    schema: [schema, 'subgraphs/kit/schema/shared.graphql', 'subgraphs/kit/schema/codegen-directives.graphql'],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useIndexSignature: true,
      enumsAsTypes: true,
      useTypeImports: true,
      contextType: '../context#' + `${center[0]!.toUpperCase()}${center.slice(1)}Context`,
      scalars: { Decimal: 'string', DateTime: 'Date' },
      mappers: existsSync(mappersFile) ? JSON.parse(readFileSync(mappersFile, 'utf8')) : {},
    },
  };
}

const config: CodegenConfig = { overwrite: true, silent: true, generates };
export default config;
