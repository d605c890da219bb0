/** The logging surface this library needs; any structured logger (pino, Nest's, a test double) fits it. */
export interface TenancyLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Used when the caller passes no logger: a rejected registry change must never be silent,
 * so the fallback writes to the console rather than nowhere.
 */
export const consoleTenancyLogger: TenancyLogger = {
  info: (message, fields) => console.info(message, fields ?? {}),
  warn: (message, fields) => console.warn(message, fields ?? {}),
  error: (message, fields) => console.error(message, fields ?? {}),
};
