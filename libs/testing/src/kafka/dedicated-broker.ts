import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Below Linux's ephemeral range, so no client socket takes a port while the broker is down.
const PORT_RANGE = { first: 19400, count: 100 };

export interface DedicatedBroker {
  /** `127.0.0.1:<port>`, for KAFKA_BROKERS. */
  brokers: string;
  dataDir: string;
  /** Starts the broker (again), keeping its data: `scripts/kafka.sh start`. */
  start(): Promise<void>;
  /** A controlled shutdown: `scripts/kafka.sh stop`. */
  stop(): Promise<void>;
  /** Stops the broker whatever its state and deletes its data. */
  remove(): Promise<void>;
}

/**
 * A broker of its own for a test that stops and restarts Kafka, run by `scripts/kafka.sh` on
 * free ports with its data in a temporary folder, so the shared broker is never touched.
 */
export async function startDedicatedBroker(root: string): Promise<DedicatedBroker> {
  const port = await freePortPair();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kafka-dedicated-'));
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: dataDir };
  const script = path.join(root, 'scripts', 'kafka.sh');
  const kafka = async (command: 'start' | 'stop'): Promise<void> => {
    await run('bash', [script, command], { env, cwd: root, timeout: 120_000 });
  };
  const broker: DedicatedBroker = {
    brokers: `127.0.0.1:${port}`,
    dataDir,
    start: () => kafka('start'),
    stop: () => kafka('stop'),
    async remove() {
      try {
        await kafka('stop');
      } finally {
        killRecordedPid(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  try {
    await broker.start();
  } catch (error) {
    await broker.remove();
    throw error;
  }
  return broker;
}

/** The script's stop failed or timed out: the broker it recorded must not outlive the test. */
function killRecordedPid(dataDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, 'kafka.pid'), 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return; // stopped cleanly: the script removed its pid file
    }
    throw error;
  }
  if (Number.isInteger(pid) && pid > 0 && isKafkaProcess(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}

function isKafkaProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

/** A port whose next one is free too (broker and controller), starting at a random place in the range. */
async function freePortPair(): Promise<number> {
  const start = Math.floor(Math.random() * PORT_RANGE.count);
  for (let step = 0; step < PORT_RANGE.count; step += 2) {
    const port = PORT_RANGE.first + ((start + step) % (PORT_RANGE.count - 1));
    if ((await isFree(port)) && (await isFree(port + 1))) {
      return port;
    }
  }
  throw new Error(`no two free ports from ${PORT_RANGE.first} to ${PORT_RANGE.first + PORT_RANGE.count}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
