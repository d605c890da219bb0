import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { TenantDirectory } from '../directory/tenant.directory';
import { type TenantDirectoryListener, TenantRegistryWatcher } from '../watch/tenant-registry.watcher';

/** Nest-facing access to the tenant registry: always the latest accepted version. */
@Injectable()
export class TenantService implements OnModuleDestroy {
  constructor(@Inject(TenantRegistryWatcher) private readonly watcher: TenantRegistryWatcher) {}

  /** Take a fresh directory per request or message rather than caching one, so reloads apply. */
  directory(): TenantDirectory {
    return this.watcher.current();
  }

  onChange(listener: TenantDirectoryListener): () => void {
    return this.watcher.onChange(listener);
  }

  onModuleDestroy(): void {
    this.watcher.stop();
  }
}
