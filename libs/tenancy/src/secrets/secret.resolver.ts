import { readFileSync } from 'node:fs';
import type { SecretRef } from '../registry/secret-ref.schema';
import { SecretUnavailableError } from './secret-unavailable.exception';

/** How a reference reads in logs: `env DEMO_ZOOM_TOKEN` or `file /var/run/secrets/zoom/token`. */
export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}

/**
 * The secret's value, trimmed (mounted files and `echo`-made variables end in a newline).
 * Read on each call so a rotated Kubernetes Secret is picked up without a restart.
 */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
  const value = 'env' in ref ? readEnv(ref.env, env) : readSecretFile(ref.file);
  if (value.trim() === '') {
    throw new SecretUnavailableError(describeSecretRef(ref), 'it is empty');
  }
  return value.trim();
}

function readEnv(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined) {
    throw new SecretUnavailableError(`env ${name}`, 'the environment variable is not set');
  }
  return value;
}

function readSecretFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SecretUnavailableError(`file ${path}`, `the file cannot be read (${code})`);
  }
}
