import pino from 'pino';
import { ecsFormat } from '@elastic/ecs-pino-format';
import { logLevel } from '../config';
import { activeTraceFields } from './traceContext';
import { scrubText, SENSITIVE_LOG_PATHS } from './redaction';

export type Logger = pino.Logger;

let destination: pino.DestinationStream | undefined;

/**
 * Where new loggers write; tests point it at a buffer to read the lines back. Loggers made
 * before the call keep their stream.
 */
export function setLogDestination(stream: pino.DestinationStream | undefined): void {
  destination = stream;
}

/** The service each logger was made for: the HTTP front names its server spans after it. */
const services = new WeakMap<Logger, string>();

export function loggerService(log: Logger): string | undefined {
  return services.get(log);
}

/**
 * JSON logs in ECS shape for ELK. Every line written inside a traced piece of work carries the
 * active OpenTelemetry span's `trace.id`/`span.id` (recorded or not), so a customer's request can
 * be followed from the gateway through every center. Secrets, tokens and personal data never reach
 * a log line: known fields are censored and long digit runs (ID and card numbers) and JWTs in text
 * are masked.
 */
export function createLogger(service: string): Logger {
  const options: pino.LoggerOptions = {
    ...ecsFormat({ convertErr: true, apmIntegration: false }),
    level: logLevel(),
    base: { service: { name: service } },
    redact: { paths: SENSITIVE_LOG_PATHS, censor: '[REDACTED]' },
    mixin: activeTraceFields,
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((argument) => (typeof argument === 'string' ? scrubText(argument) : argument)) as Parameters<typeof method>,
        );
      },
    },
  };
  const log = destination ? pino(options, destination) : pino(options);
  services.set(log, service);
  return log;
}

/**
 * The same logger — ECS format, service, level, destination, trace ids, message scrub — without
 * field redaction, for a line whose fields are fixed and whose few free values the caller scrubs
 * itself: the HTTP access line (server/http.ts), where walking every sensitive path on every
 * response cost more than writing the line.
 */
export function withoutRedaction(log: Logger): Logger {
  return log.child({}, { redact: [] });
}
