import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantDirectory } from '../directory/tenant.directory';
import { TenantRegistryError } from '../registry/tenant-registry.exception';
import { minimalRegistryYaml } from '../testing/tenant-registry.fixture';
import { RecordingLogger } from '../testing/recording.logger';
import { pause, waitUntil } from '../testing/wait-until.helper';
import { TenantRegistryWatcher } from './tenant-registry.watcher';

const INTERVAL_MS = 40;

describe('TenantRegistryWatcher', () => {
  let dir: string;
  let logger: RecordingLogger;
  const watchers: TenantRegistryWatcher[] = [];

  function startWatcher(file: string): TenantRegistryWatcher {
    const watcher = new TenantRegistryWatcher(file, { logger, intervalMs: INTERVAL_MS });
    watchers.push(watcher);
    watcher.start();
    return watcher;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenancy-watch-'));
    logger = new RecordingLogger();
  });

  afterEach(() => {
    watchers.splice(0).forEach((watcher) => watcher.stop());
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the registry at start and answers with it', () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = new TenantRegistryWatcher(file, { logger, intervalMs: INTERVAL_MS });
    watchers.push(watcher);

    const directory = watcher.start();

    expect(directory.get('demo')).toBeDefined();
    expect(watcher.current()).toBe(directory);
    expect(logger.at('info')[0]).toMatchObject({ message: 'tenant registry loaded', fields: { tenants: ['demo'] } });
  });

  it('gives each registry version the lines of the file it came from', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    expect(watcher.current().source?.lineOf(['tenants', 0, 'zoom'])).toBe(7);

    writeFileSync(file, `# a comment moves every line down\n${minimalRegistryYaml('demo-two')}`);
    await waitUntil(() => watcher.current().get('demo-two') !== undefined, 'the reloaded registry');

    expect(watcher.current().source).toMatchObject({ sourceName: file });
    expect(watcher.current().source?.lineOf(['tenants', 0, 'zoom'])).toBe(8);
  });

  it('refuses to start on an invalid registry, with the readable error', () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, 'tenants: []\n');
    const watcher = new TenantRegistryWatcher(file, { logger });
    expect(() => watcher.start()).toThrow(TenantRegistryError);
    expect(() => watcher.start()).toThrow(`${file}:1 tenants: declare at least one tenant`);
    expect(() => watcher.current()).toThrow('before start()');
  });

  it('does not keep the process alive', () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    startWatcher(file);
    const timersAfter = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    expect(timersAfter).toBe(timersBefore);
  });

  it('reloads when the file changes and tells its listeners', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    const changes: [TenantDirectory, TenantDirectory][] = [];
    watcher.onChange((next, previous) => changes.push([next, previous]));

    writeFileSync(file, minimalRegistryYaml('acme'));
    await waitUntil(() => watcher.current().get('acme') !== undefined, 'the acme registry');

    expect(watcher.current().get('demo')).toBeUndefined();
    expect(changes).toHaveLength(1);
    expect(changes[0]?.[0].get('acme')).toBeDefined();
    expect(changes[0]?.[1].get('demo')).toBeDefined();
    expect(logger.at('info')[1]).toMatchObject({
      message: 'tenant registry reloaded',
      fields: { added: ['acme'], removed: ['demo'], changed: [] },
    });
  });

  it('ignores a rewrite with identical content', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    const listener = jest.fn();
    watcher.onChange(listener);

    writeFileSync(file, minimalRegistryYaml('demo'));
    await pause(INTERVAL_MS * 5);

    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps the previous registry when the new file is invalid, logs once, and recovers when it is fixed', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    const before = watcher.current();

    writeFileSync(file, minimalRegistryYaml('acme').replace('type: bearer', 'type: basic'));
    await waitUntil(() => logger.at('error').length > 0, 'the rejection to be logged');
    await pause(INTERVAL_MS * 5);

    expect(watcher.current()).toBe(before);
    expect(logger.at('error')).toEqual([
      {
        level: 'error',
        message: 'tenant registry change rejected; keeping the previous registry',
        fields: { file, error: `${file}:8 tenants[0].zoom.auth.type: expected "bearer" or "oauth"` },
      },
    ]);

    writeFileSync(file, minimalRegistryYaml('acme'));
    await waitUntil(() => watcher.current().get('acme') !== undefined, 'the fixed registry');
  });

  it('follows a Kubernetes ConfigMap update, which swaps the ..data symlink', async () => {
    // The kubelet's layout: tenants.yaml -> ..data/tenants.yaml, ..data -> ..<timestamp>/
    mkdirSync(join(dir, '..2026_01_01_00_00_00.1'));
    writeFileSync(join(dir, '..2026_01_01_00_00_00.1', 'tenants.yaml'), minimalRegistryYaml('demo'));
    symlinkSync('..2026_01_01_00_00_00.1', join(dir, '..data'));
    symlinkSync(join('..data', 'tenants.yaml'), join(dir, 'tenants.yaml'));
    const watcher = startWatcher(join(dir, 'tenants.yaml'));

    mkdirSync(join(dir, '..2026_01_02_00_00_00.2'));
    writeFileSync(join(dir, '..2026_01_02_00_00_00.2', 'tenants.yaml'), minimalRegistryYaml('acme'));
    symlinkSync('..2026_01_02_00_00_00.2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    rmSync(join(dir, '..2026_01_01_00_00_00.1'), { recursive: true });

    await waitUntil(() => watcher.current().get('acme') !== undefined, 'the swapped registry');
    expect(logger.at('error')).toEqual([]);
  });

  it('keeps the previous registry while the file is missing', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);

    rmSync(file);
    await waitUntil(() => logger.at('error').length > 0, 'the missing file to be logged');

    expect(watcher.current().get('demo')).toBeDefined();
    expect(logger.at('error')[0]?.message).toBe('tenant registry unreadable; keeping the previous registry');
  });

  it('still delivers a change to other listeners when one of them throws', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    watcher.onChange(() => {
      throw new Error('listener broke');
    });
    const healthy = jest.fn();
    watcher.onChange(healthy);

    writeFileSync(file, minimalRegistryYaml('acme'));
    await waitUntil(() => healthy.mock.calls.length === 1, 'the healthy listener');

    expect(logger.at('error')[0]).toMatchObject({ message: 'tenant registry change listener failed', fields: { error: 'listener broke' } });
  });

  it('no longer calls a listener that unsubscribed', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);
    const listener = jest.fn();
    const unsubscribe = watcher.onChange(listener);

    unsubscribe();
    writeFileSync(file, minimalRegistryYaml('acme'));
    await waitUntil(() => watcher.current().get('acme') !== undefined, 'the acme registry');

    expect(listener).not.toHaveBeenCalled();
  });

  it('stops reloading after stop() but keeps answering with the last registry', async () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, minimalRegistryYaml('demo'));
    const watcher = startWatcher(file);

    watcher.stop();
    writeFileSync(file, minimalRegistryYaml('acme'));
    await pause(INTERVAL_MS * 5);

    expect(watcher.current().get('demo')).toBeDefined();
  });
});
