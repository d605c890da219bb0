import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantRegistryError } from '../registry/tenant-registry.exception';
import { fixtureTokens, minimalRegistryYaml } from '../testing/tenant-registry.fixture';
import { RecordingLogger } from '../testing/recording.logger';
import { waitUntil } from '../testing/wait-until.helper';
import { TenantRegistryWatcher } from '../watch/tenant-registry.watcher';
import { TenancyModule } from './tenancy.module';
import { TenantService } from './tenant.service';

describe('TenancyModule', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenancy-nest-'));
    file = join(dir, 'tenants.yaml');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const compile = (logger = new RecordingLogger()) =>
    Test.createTestingModule({ imports: [TenancyModule.forRoot({ file, logger, intervalMs: 40 })] }).compile();

  it('provides a TenantService that always answers with the current registry', async () => {
    writeFileSync(file, minimalRegistryYaml('demo'));
    const app = await compile();
    const tenants = app.get(TenantService);

    expect(tenants.directory().authenticateScimToken(fixtureTokens.demoCurrent)).toMatchObject({ ok: true });

    writeFileSync(file, minimalRegistryYaml('acme'));
    await waitUntil(() => tenants.directory().get('acme') !== undefined, 'the reloaded registry');
    await app.close();
  });

  it('fails at start-up with the readable registry error', async () => {
    writeFileSync(file, minimalRegistryYaml('demo').replace('type: bearer', 'type: basic'));
    await expect(compile()).rejects.toThrow(TenantRegistryError);
    await expect(compile()).rejects.toThrow(`${file}:8 tenants[0].zoom.auth.type: expected "bearer" or "oauth"`);
  });

  it('stops watching when the module is destroyed', async () => {
    writeFileSync(file, minimalRegistryYaml('demo'));
    const app = await compile();
    const stop = jest.spyOn(app.get(TenantRegistryWatcher), 'stop');

    await app.close();

    expect(stop).toHaveBeenCalledTimes(1);
  });
});
