import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { currentContext } from '../context/bridge.context';
import { toLogRecord, type LogFields } from './log-record';
import { prettyLogStream } from './pretty-log.stream';
import { REDACTED, redactBearerCredentials, redactSecrets } from './redact-secrets';

export interface BridgeLoggerOptions {
  /** A pino level; defaults to `info`. */
  level?: string;
  /** Readable lines for a terminal instead of JSON. */
  pretty?: boolean;
  /** Where lines go; defaults to stdout. */
  destination?: DestinationStream;
}

// Defence in depth: BridgeLogger already passes fields, bindings and context through `redactSecrets`
// (any depth, Bearer credentials inside strings); these paths still hold if a line gets past that.
const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'token',
  '*.token',
  'accessToken',
  'clientSecret',
  'client_secret',
  'secret',
  '*.secret',
  'cookie',
];

/** The service's structured logger, usable directly and as Nest's logger (`app.useLogger`). */
export class BridgeLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields === undefined ? [] : [fields], false);
  }

  warn(message: string, fields?: LogFields): void;
  warn(message: unknown, ...optionalParams: unknown[]): void;
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams, false);
  }

  error(message: string, fields?: LogFields): void;
  error(message: unknown, ...optionalParams: unknown[]): void;
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams, true);
  }

  debug(message: string, fields?: LogFields): void;
  debug(message: unknown, ...optionalParams: unknown[]): void;
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams, false);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams, false);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams, false);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams, false);
  }

  child(bindings: LogFields): BridgeLogger {
    return new BridgeLogger(this.pino.child(redactSecrets(bindings) as LogFields));
  }

  private write(level: Level, message: unknown, params: readonly unknown[], hasStack: boolean): void {
    // Skips the redaction walk for lines nobody will see.
    if (!this.pino.isLevelEnabled(level)) {
      return;
    }
    const record = toLogRecord(message, params, hasStack);
    this.pino[level](redactSecrets(record.fields) as LogFields, redactBearerCredentials(record.message));
  }
}

export function createLogger(service: string, options: BridgeLoggerOptions = {}): BridgeLogger {
  const destination = options.pretty ? prettyLogStream(options.destination ?? process.stdout) : options.destination;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Everything in the request or message context (tenantId, correlationId, ...) lands on every line.
      mixin: () => redactSecrets(currentContext()) as LogFields,
      // Errors arrive already turned into plain `{ type, message, stack }` objects by redactSecrets.
      serializers: { err: (err: unknown) => err },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination,
  );
  return new BridgeLogger(logger);
}
