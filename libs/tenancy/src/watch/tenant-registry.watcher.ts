import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { TenantDirectory } from '../directory/tenant.directory';
import { describeError } from '../error.format';
import { RegistryLineLocator } from '../registry/registry-line.locator';
import { parseTenantRegistry, readTenantRegistryFile } from '../registry/tenant-registry.loader';
import { consoleTenancyLogger, type TenancyLogger } from '../tenancy.logger';

export interface TenantRegistryWatcherOptions {
  logger?: TenancyLogger;
  /** How often the file's content is re-read and compared. */
  intervalMs?: number;
}

export type TenantDirectoryListener = (next: TenantDirectory, previous: TenantDirectory) => void;

// Lets a writer finish (and a ConfigMap swap settle) before a change hint is acted on.
const HINT_SETTLE_MS = 50;

/**
 * Keeps the current `TenantDirectory` in step with the registry file.
 *
 * Kubernetes updates a mounted ConfigMap by swapping the `..data` symlink, which neither changes
 * the watched path nor reliably fires `fs.watch` on it. So the file is re-read and its content
 * hash compared on an interval; a directory watch only makes that check happen sooner.
 */
export class TenantRegistryWatcher {
  private readonly logger: TenancyLogger;
  private readonly intervalMs: number;
  private readonly listeners = new Set<TenantDirectoryListener>();
  private directory: TenantDirectory | undefined;
  private contentHash: string | undefined;
  /** The last problem reported, so a bad file is logged once rather than every interval. */
  private reportedProblem: string | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private hintTimer: NodeJS.Timeout | undefined;
  private directoryWatcher: FSWatcher | undefined;

  constructor(
    readonly file: string,
    options: TenantRegistryWatcherOptions = {},
  ) {
    this.logger = options.logger ?? consoleTenancyLogger;
    this.intervalMs = options.intervalMs ?? 2000;
  }

  /** Loads the registry (throwing `TenantRegistryError` if it is invalid) and starts watching it. */
  start(): TenantDirectory {
    if (this.pollTimer !== undefined && this.directory !== undefined) {
      return this.directory;
    }
    const text = readTenantRegistryFile(this.file);
    this.directory = new TenantDirectory(parseTenantRegistry(text, this.file), new RegistryLineLocator(this.file, text));
    this.contentHash = sha256(text);
    this.pollTimer = setInterval(() => this.reloadIfChanged(), this.intervalMs).unref();
    this.watchDirectory();
    this.logger.info('tenant registry loaded', { file: this.file, tenants: this.directory.list().map((t) => t.id) });
    return this.directory;
  }

  current(): TenantDirectory {
    if (this.directory === undefined) {
      throw new Error('TenantRegistryWatcher.current() was called before start()');
    }
    return this.directory;
  }

  /** Calls `listener` after each accepted reload; returns a function that unsubscribes it. */
  onChange(listener: TenantDirectoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching; `current()` keeps answering with the last registry for work still in flight. */
  stop(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.hintTimer);
    this.directoryWatcher?.close();
    this.pollTimer = undefined;
    this.hintTimer = undefined;
    this.directoryWatcher = undefined;
    this.listeners.clear();
  }

  private watchDirectory(): void {
    try {
      this.directoryWatcher = watch(dirname(this.file), { persistent: false }, () => this.scheduleCheck());
      this.directoryWatcher.on('error', (error) => this.stopDirectoryWatch(error));
    } catch (error) {
      this.stopDirectoryWatch(error);
    }
  }

  private stopDirectoryWatch(error: unknown): void {
    this.directoryWatcher?.close();
    this.directoryWatcher = undefined;
    this.logger.warn('cannot watch the tenant registry directory; changes are found by polling only', {
      file: this.file,
      intervalMs: this.intervalMs,
      error: describeError(error),
    });
  }

  private scheduleCheck(): void {
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => this.reloadIfChanged(), HINT_SETTLE_MS).unref();
  }

  private reloadIfChanged(): void {
    let text: string;
    try {
      text = readTenantRegistryFile(this.file);
    } catch (error) {
      this.reportOnce('tenant registry unreadable; keeping the previous registry', error);
      return;
    }
    const hash = sha256(text);
    if (hash === this.contentHash) {
      return;
    }
    let next: TenantDirectory;
    try {
      next = new TenantDirectory(parseTenantRegistry(text, this.file), new RegistryLineLocator(this.file, text));
    } catch (error) {
      this.reportOnce('tenant registry change rejected; keeping the previous registry', error, hash);
      return;
    }
    const previous = this.current();
    this.directory = next;
    this.contentHash = hash;
    this.reportedProblem = undefined;
    this.logger.info('tenant registry reloaded', { file: this.file, ...describeChange(previous, next) });
    this.notify(next, previous);
  }

  private notify(next: TenantDirectory, previous: TenantDirectory): void {
    for (const listener of this.listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        // One failing subscriber must not keep the others on the old registry.
        this.logger.error('tenant registry change listener failed', { file: this.file, error: describeError(error) });
      }
    }
  }

  private reportOnce(message: string, error: unknown, key?: string): void {
    const problem = key ?? describeError(error);
    if (problem === this.reportedProblem) {
      return;
    }
    this.reportedProblem = problem;
    this.logger.error(message, { file: this.file, error: describeError(error) });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function describeChange(previous: TenantDirectory, next: TenantDirectory): Record<string, string[]> {
  const before = new Map(previous.list().map((tenant) => [tenant.id, JSON.stringify(tenant)]));
  const after = new Map(next.list().map((tenant) => [tenant.id, JSON.stringify(tenant)]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)),
  };
}
