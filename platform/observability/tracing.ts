/**
 * OpenTelemetry tracing for a process (gateway, a center, or all of them in one): the Node SDK
 * with the HTTP (server spans), undici (the platform's calls between processes) and pg (every SQL
 * statement a center's Prisma client sends through the `pg` driver adapter) instrumentations; the
 * gateway's own spans come from @apollo/gateway through `@opentelemetry/api`. Trace context travels
 * between processes as W3C `traceparent`.
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` set: a trace is recorded with probability `OTEL_TRACES_SAMPLER_ARG`
 *   (default 0.1), decided from its trace id, and exported over OTLP/HTTP by the SDK's batch
 *   processor, which reads the standard `OTEL_EXPORTER_OTLP_*` and `OTEL_BSP_*` variables. A span
 *   inside this process follows its parent; one continuing a remote caller's trace decides from the
 *   trace id too, not from the caller's sampled flag: a channel app (or anyone) sending `…-01` cannot
 *   make the platform record all its requests, and every process with the same ratio still reaches
 *   the gateway's decision for the same trace.
 * - unset: nothing is recorded nor exported (every span is a non-recording one), but trace and span
 *   ids are still made, reach the log lines (./traceContext.ts) and travel to the next process.
 *
 * Start it once, first thing, from each process's entry point (scripts/start*.ts, the test
 * harness); stop it on shutdown to flush what is still buffered.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK, core, tracing } from '@opentelemetry/sdk-node';
import { config } from '../config';
import { instrumentLoadedModules, type PatchingInstrumentation } from './instrumentLoadedModules';

export interface TracingOptions {
  /** The resource's `service.name`: `gateway`, `<center>-center`, or a name for a process hosting several. */
  serviceName: string;
  /** Tests: every span recorded and handed to this exporter as it ends, whatever the endpoint setting. */
  exporter?: tracing.SpanExporter;
  /** Share of new traces recorded; default `OTEL_TRACES_SAMPLER_ARG`, else 0.1 (1 with `exporter`). */
  sampleRatio?: number;
}

/** Of new traces, the share recorded when an endpoint is configured and no ratio is. */
export const DEFAULT_SAMPLE_RATIO = 0.1;

interface Running {
  sdk: NodeSDK;
  instrumentations: PatchingInstrumentation[];
}

let running: Running | undefined;

export function tracingStarted(): boolean {
  return running !== undefined;
}

/** Starts the SDK for this process; a second call while it runs changes nothing. */
export function startTracing(options: TracingOptions): void {
  if (running) return;
  const { settings } = config();
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  const instrumentations = [
    new HttpInstrumentation({
      // Only GraphQL requests are traced: probes and metric scrapes would be noise. No client request
      // at all: the platform's own calls go through undici.
      ignoreIncomingRequestHook: (request) => !request.url?.startsWith('/graphql'),
      disableOutgoingRequestInstrumentation: true,
      // A GET operation's query string carries the document and its variables (customer data).
      redactedQueryParamsServer: ['query', 'variables', 'extensions', 'documentId', 'operationName'],
    }),
    // A request that names its own trace context already (a test acting as a remote client) keeps it.
    new UndiciInstrumentation({ ignoreRequestHook: (request) => carriesTraceparent(request.headers) }),
    // Statement text only (Prisma sends parameters apart, never in it); the workers' polling outside
    // any request makes no trace of its own.
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
  ];
  const recording = options.exporter !== undefined || endpoint !== undefined;
  const ratio = options.sampleRatio ?? settings.OTEL_TRACES_SAMPLER_ARG ?? (options.exporter ? 1 : DEFAULT_SAMPLE_RATIO);
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations,
    textMapPropagator: new core.W3CTraceContextPropagator(),
    sampler: recording
      ? new tracing.ParentBasedSampler({
          root: new tracing.TraceIdRatioBasedSampler(ratio),
          remoteParentSampled: new tracing.TraceIdRatioBasedSampler(ratio),
          remoteParentNotSampled: new tracing.TraceIdRatioBasedSampler(ratio),
        })
      : new tracing.AlwaysOffSampler(),
    // With an endpoint and no test exporter the SDK builds its OTLP exporter from the environment. Without
    // either, a processor that does nothing: the SDK registers a tracer provider (ids for the logs) only
    // when it has one.
    spanProcessors: options.exporter
      ? [new tracing.SimpleSpanProcessor(options.exporter)]
      : endpoint
        ? undefined
        : [new tracing.NoopSpanProcessor()],
    // Traces only: this platform's metrics are Prometheus (./metrics.ts) and its logs pino.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  instrumentLoadedModules(instrumentations);
  running = { sdk, instrumentations };
}

/** Whether undici request headers (a flat `[name, value, …]` list, or raw `name: value` lines in older undici) hold a `traceparent`. */
function carriesTraceparent(headers: unknown): boolean {
  if (Array.isArray(headers)) return headers.some((entry, index) => index % 2 === 0 && String(entry).toLowerCase() === 'traceparent');
  return typeof headers === 'string' && /(^|\r\n)traceparent:/i.test(headers);
}

/** Flushes and stops the SDK, removes the instrumentations' patches; `startTracing` may run again after. */
export async function stopTracing(): Promise<void> {
  if (!running) return;
  const { sdk, instrumentations } = running;
  running = undefined;
  for (const instrumentation of instrumentations) instrumentation.disable();
  await sdk.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
