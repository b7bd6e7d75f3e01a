/**
 * Hive Gateway with the Rust query planner and executor (`@graphql-hive/router-runtime`,
 * `unifiedGraphHandler`) as a benchmark peer; otherwise the same as hive.config.mjs.
 */
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { gatewayConfig as hive } from './hive.config.mjs';

export const gatewayConfig = { ...hive, unifiedGraphHandler };
