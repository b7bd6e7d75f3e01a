/**
 * What the platform reads from and writes to the active OpenTelemetry context, through
 * `@opentelemetry/api` alone: cheap, and a no-op until the SDK is started (./tracing.ts).
 */
import { Span, context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The span attribute naming the process's part that served a request (`gateway`, `finance-center`,
 * …). One process may host several (`npm start`, the test harness), so the resource's
 * `service.name` alone cannot tell them apart.
 */
export const SERVICE_ATTRIBUTE = 'bank.service';

/**
 * ECS `trace.id`/`span.id` of the active span, recorded or not (ids exist even when nothing is
 * sampled); `{}` outside any. A new object each time: pino merges the line's fields into it.
 */
export function activeTraceFields(): { trace?: { id: string }; span?: { id: string } } {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? { trace: { id: spanContext.traceId }, span: { id: spanContext.spanId } } : {};
}

/** The active span, for a request's server span to be found again when the response ends. */
export function activeSpan(): Span | undefined {
  return trace.getSpan(context.active());
}

/** W3C `traceparent` of a span, as the HTTP front returns it to the caller (so support can find the trace). */
export function traceparentOf(span: Span): string | undefined {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? `00-${traceId}-${spanId}-0${traceFlags & 1}` : undefined;
}
