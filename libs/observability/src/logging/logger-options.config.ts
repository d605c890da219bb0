import type { BridgeLoggerOptions } from './bridge.logger';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const FORMATS = ['json', 'pretty'];

/**
 * The one place the logger's settings come from the environment: `LOG_LEVEL` (default `info`) and
 * `LOG_FORMAT` (`json`, the default, or `pretty` for local runs). Apps call it at start-up and pass
 * the result to `createLogger`; a bad value stops the app with a message naming the variable.
 */
export function loggerOptionsFromEnv(env: Record<string, string | undefined>): Required<Pick<BridgeLoggerOptions, 'level' | 'pretty'>> {
  const level = env['LOG_LEVEL'] || 'info';
  const format = env['LOG_FORMAT'] || 'json';
  if (!LEVELS.includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}; got "${level}"`);
  }
  if (!FORMATS.includes(format)) {
    throw new Error(`LOG_FORMAT must be one of ${FORMATS.join(', ')}; got "${format}"`);
  }
  return { level, pretty: format === 'pretty' };
}
