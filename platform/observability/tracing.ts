/**
 * OpenTelemetry tracing for a process (gateway, a center, or all of them in one): a Node tracer
 * provider with the HTTP (server spans), undici (the platform's calls between processes) and pg (every SQL
 * statement a center's Prisma client sends through the `pg` driver adapter) instrumentations; the
 * gateway's own spans come from @apollo/gateway through `@opentelemetry/api`. Trace context travels
 * between processes as W3C `traceparent`.
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` set: a trace is recorded with probability `OTEL_TRACES_SAMPLER_ARG`
 *   (default 0.1), decided from its trace id, and exported over OTLP/HTTP (protobuf) by a batch
 *   processor; exporter and processor read the standard `OTEL_EXPORTER_OTLP_*` and `OTEL_BSP_*` variables. A span
 *   inside this process follows its parent; one continuing a remote caller's trace decides from the
 *   trace id too, not from the caller's sampled flag: a channel app (or anyone) sending `…-01` cannot
 *   make the platform record all its requests, and every process with the same ratio still reaches
 *   the gateway's decision for the same trace.
 * - unset: nothing is recorded nor exported (every span is a non-recording one), but trace and span
 *   ids are still made, reach the log lines (./traceContext.ts) and travel to the next process.
 *
 * Start it once, first thing, from each process's entry point (scripts/start*.ts, the test
 * harness); stop it on shutdown to flush what is still buffered.
 *
 * Not `@opentelemetry/sdk-node`: it loads every exporter it could be configured with (gRPC, logs,
 * metrics, Zipkin: some 1,800 modules, 0.4 s at every process start and in every test file) for the
 * one tracer provider and one exporter used here. The exporter itself loads only when an endpoint is set.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { config } from '../config';
import { instrumentLoadedModules, type PatchingInstrumentation } from './instrumentLoadedModules';

export interface TracingOptions {
  /** The resource's `service.name`: `gateway`, `<center>-center`, or a name for a process hosting several. */
  serviceName: string;
  /** Tests: every span recorded and handed to this exporter as it ends, whatever the endpoint setting. */
  exporter?: SpanExporter;
  /** Share of new traces recorded; default `OTEL_TRACES_SAMPLER_ARG`, else 0.1 (1 with `exporter`). */
  sampleRatio?: number;
}

/** Of new traces, the share recorded when an endpoint is configured and no ratio is. */
export const DEFAULT_SAMPLE_RATIO = 0.1;

interface Running {
  provider: NodeTracerProvider;
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
  const provider = new NodeTracerProvider({
    resource: detectResources({ detectors: [envDetector, processDetector, hostDetector] }).merge(
      resourceFromAttributes({ 'service.name': options.serviceName }),
    ),
    sampler: recording
      ? new ParentBasedSampler({
          root: new TraceIdRatioBasedSampler(ratio),
          remoteParentSampled: new TraceIdRatioBasedSampler(ratio),
          remoteParentNotSampled: new TraceIdRatioBasedSampler(ratio),
        })
      : new AlwaysOffSampler(),
    spanProcessors: spanProcessors(options.exporter, endpoint),
  });
  // The global tracer provider (ids for the logs, @apollo/gateway's spans), the AsyncLocalStorage
  // context manager and the W3C propagator.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  for (const instrumentation of instrumentations) instrumentation.setTracerProvider(provider);
  instrumentLoadedModules(instrumentations);
  running = { provider, instrumentations };
}

/** A test's exporter gets every span as it ends; a collector gets them in batches; without either, none leave. */
function spanProcessors(exporter: SpanExporter | undefined, endpoint: string | undefined): SpanProcessor[] {
  if (exporter) return [new SimpleSpanProcessor(exporter)];
  if (!endpoint) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by a process that exports: its protobuf and HTTP stack
  const exporterModule: typeof import('@opentelemetry/exporter-trace-otlp-proto') = require('@opentelemetry/exporter-trace-otlp-proto');
  const { OTLPTraceExporter } = exporterModule;
  return [new BatchSpanProcessor(new OTLPTraceExporter())];
}

/** Whether undici request headers (a flat `[name, value, …]` list, or raw `name: value` lines in older undici) hold a `traceparent`. */
function carriesTraceparent(headers: unknown): boolean {
  if (Array.isArray(headers)) return headers.some((entry, index) => index % 2 === 0 && String(entry).toLowerCase() === 'traceparent');
  return typeof headers === 'string' && /(^|\r\n)traceparent:/i.test(headers);
}

/** Flushes and stops the SDK, removes the instrumentations' patches; `startTracing` may run again after. */
export async function stopTracing(): Promise<void> {
  if (!running) return;
  const { provider, instrumentations } = running;
  running = undefined;
  for (const instrumentation of instrumentations) instrumentation.disable();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
