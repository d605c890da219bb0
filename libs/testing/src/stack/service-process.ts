import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import path from 'node:path';

export const SERVICES = ['zoom-sim', 'okta-ingest', 'mapping', 'zoom-writer', 'group-push', 'audit'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningService {
  name: ServiceName;
  port: number;
  process: ChildProcess;
  logFile: string;
}

/**
 * Node flags a service always runs with (k8s/base sets the same in its NODE_OPTIONS). okta-ingest's
 * requests keep their objects alive for a few milliseconds, long enough to survive young
 * collections at its allocation rate: with V8's default 16 MB semi-spaces that promoted garbage
 * grew the old space to about 150 MB between full collections (live: about 35 MB) and the
 * process to 258 MB resident at 1,300 requests/s. 8 MB semi-spaces: 222 MB, for the same CPU.
 */
export const SERVICE_NODE_FLAGS: Readonly<Partial<Record<ServiceName, readonly string[]>>> = {
  'okta-ingest': ['--max-semi-space-size=8'],
};

/**
 * Starts one compiled service (`npm run build` first) with its output in a log file.
 * `SERVICE_NODE_ARGS` (space-separated) adds node flags to every service started this way, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/profiles` to profile a benchmark's services.
 */
export function spawnService(
  root: string,
  name: ServiceName,
  port: number,
  env: NodeJS.ProcessEnv,
  logDir: string,
  /** Added to the process's scheduling niceness (0 leaves it as this process's). */
  niceness = 0,
): RunningService {
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const nodeArgs = [...(SERVICE_NODE_FLAGS[name] ?? []), ...(process.env['SERVICE_NODE_ARGS'] ?? '').split(/\s+/).filter((arg) => arg !== '')];
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (niceness !== 0 && child.pid !== undefined) {
    setPriority(child.pid, Math.min(19, getPriority() + niceness));
  }
  return { name, port, process: child, logFile };
}

/** Waits until `GET url` answers 200, failing early if the process exits. */
export async function waitUntilReady(url: string, service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.process.exitCode}; see ${service.logFile}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs} ms (${last}); see ${service.logFile}`);
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopService(service: RunningService, graceMs = 10_000): Promise<void> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
