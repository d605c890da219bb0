import { Module, type DynamicModule } from '@nestjs/common';
import type { TenancyLogger } from '../tenancy.logger';
import { TenantRegistryWatcher } from '../watch/tenant-registry.watcher';
import { TenantService } from './tenant.service';

export interface TenancyModuleOptions {
  /** The registry path, from the app's validated `TENANTS_FILE` setting. */
  file: string;
  logger?: TenancyLogger;
  intervalMs?: number;
}

@Module({})
export class TenancyModule {
  static forRoot(options: TenancyModuleOptions): DynamicModule {
    return {
      module: TenancyModule,
      global: true,
      providers: [
        {
          provide: TenantRegistryWatcher,
          // Starting here makes a bad registry fail the app's bootstrap with the readable error.
          useFactory: () => {
            const watcher = new TenantRegistryWatcher(options.file, {
              logger: options.logger,
              intervalMs: options.intervalMs,
            });
            watcher.start();
            return watcher;
          },
        },
        TenantService,
      ],
      exports: [TenantRegistryWatcher, TenantService],
    };
  }
}
