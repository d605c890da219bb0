import { ContractViolation } from '@bridge/contracts';

/** A failure that will not go away by retrying: the message goes to the dead-letter topic. */
export class PermanentFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

/** A failure worth retrying for as long as it lasts (a dependency is down or throttling). */
export class TransientFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** When the cause says when to come back (e.g. Retry-After), the earliest retry time. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'TransientFailure';
  }
}

export type FailureClass =
  | { kind: 'permanent'; code: string; message: string }
  | { kind: 'transient'; code: string; message: string; retryAt?: Date; bounded: false }
  | { kind: 'transient'; code: string; message: string; bounded: true };

// Network and PostgreSQL availability errors: the dependency will come back.
const TRANSIENT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '08000',
  '08003',
  '08006',
]);

/**
 * Decides what a consumer does with a failed message. Unknown errors are retried a bounded
 * number of times (they may be a passing glitch) and then dead-lettered, so that no message
 * can block its partition forever; known-transient ones are retried until they pass.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof PermanentFailure) {
    return { kind: 'permanent', code: error.code, message: error.message };
  }
  if (error instanceof ContractViolation) {
    return { kind: 'permanent', code: 'contract-violation', message: error.message };
  }
  if (error instanceof SyntaxError) {
    return { kind: 'permanent', code: 'malformed-json', message: error.message };
  }
  if (error instanceof TransientFailure) {
    return { kind: 'transient', code: error.code, message: error.message, retryAt: error.retryAt, bounded: false };
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && TRANSIENT_ERROR_CODES.has(code)) {
    return { kind: 'transient', code, message, bounded: false };
  }
  if (/connection terminated|connection timeout|Connection is not established|getaddrinfo/i.test(message)) {
    return { kind: 'transient', code: 'connection', message, bounded: false };
  }
  return { kind: 'transient', code: code ?? 'unexpected-error', message, bounded: true };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') {
    return direct;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined || cause === error ? undefined : errorCode(cause);
}
