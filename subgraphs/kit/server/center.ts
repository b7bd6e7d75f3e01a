/**
 * What a center is, to the platform: a name, its SDL and resolvers, a store, and how to build a
 * request context. `subgraphs/<center>/subgraph.ts` defines one with `defineCenter`; the same
 * definition runs in the all-in-one start script, as its own process, and in tests.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CenterName } from '../../../platform/centers';
import type { Clock } from '../../../platform/clock';
import type { DevelopmentFeatures } from '../../../platform/config';
import type { Identity } from '../../../platform/identity/identity';
import type { Logger } from '../../../platform/observability/logger';
import type { StatementCounter } from '../database/prismaClient';
import type { Route } from '../../../platform/http/server';
import type { CenterWorker } from '../workers/centerWorker';
import type { ServerMetrics } from '../../../platform/observability/metrics';
import type { ServiceScopes } from '../serviceScopes';

/** What every center's context has; each center adds its store and loaders. */
export interface BaseContext {
  identity: Identity;
  clock: Clock;
  log: Logger;
}

/** How a store is opened: the development features its runtime may use (default: the configuration's). */
export interface StoreOptions {
  development?: DevelopmentFeatures;
}

/**
 * Data the bank runs on whatever the mode (limit rules, GL accounts, the catalogue): seeded at
 * every start when the database's `reference_data_version` is older than `version`, never twice.
 * Raise `version` when the data changes; the seed must upsert, so a newer version updates rows.
 */
export interface ReferenceData<Client> {
  version: number;
  seed(store: Client, clock: Clock): Promise<void>;
}

export interface CenterStore<Client> {
  client: Client;
  statements: StatementCounter;
}

export interface StoreHandle {
  $disconnect(): Promise<void>;
  $queryRawUnsafe(query: string): Promise<unknown>;
}

export interface CenterDefinition<Client extends StoreHandle, Context extends BaseContext> {
  name: CenterName;
  resolvers: GraphQLResolverMap<Context>;
  /** Which calling center may use which internal scope (`subgraphs/<center>/serviceScopes.ts`). */
  serviceScopes: ServiceScopes;
  openStore(databaseUrl: string, options?: StoreOptions): CenterStore<Client>;
  /** Builds the per-request context: new DataLoaders every request, so nothing leaks between customers. */
  createContext(base: BaseContext, store: Client): Context;
  /** Reference data, seeded in every mode before demo data (`referenceData.ts` of the center). */
  referenceData?: ReferenceData<Client>;
  /** Idempotent demo data (demo customers and what they own); only in development and the test template databases. */
  seed?(store: Client, clock: Clock): Promise<void>;
  /** Work before the first request (e.g. creating signing keys). */
  prepare?(store: Client, clock: Clock, log: Logger, development: DevelopmentFeatures): Promise<void>;
  /** Extra public GET routes (e.g. JWKS). */
  routes?(store: Client, clock: Clock): Record<string, Route>;
  /** Largest request body the center accepts (default platform/http/server.ts DEFAULT_MAX_BODY, 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Background workers over the center's store (sweepers, relays, the order-event consumer), run by
   * startCenter on timers; `metrics` is the center's registry, for what a worker reports (consumer lag).
   */
  workers?(store: Client, clock: Clock, log: Logger, metrics: ServerMetrics): CenterWorker[];
}

export function defineCenter<Client extends StoreHandle, Context extends BaseContext>(
  definition: CenterDefinition<Client, Context>,
): CenterDefinition<Client, Context> {
  return definition;
}

/**
 * Any center, for code that runs them all (start script, test harness). Its resolvers only go to
 * Apollo, never called here; `never` as their context makes every center's resolver map fit.
 */
export type AnyCenterDefinition = Omit<CenterDefinition<StoreHandle, BaseContext>, 'resolvers'> & { resolvers: GraphQLResolverMap<never> };
