import { DynamicModule, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@bridge/observability';
import { auditWriterDataSourceOptions, migrateAuditStore } from './audit-database.config';

export interface AuditDatabaseOptions {
  ownerUrl: string;
  writerUrl?: string;
}

class AuditDatabaseReadiness implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/** Migrations as the owner, then every query of the running service as the INSERT/SELECT-only role. */
@Module({})
export class AuditDatabaseModule {
  static forRoot(options: AuditDatabaseOptions): DynamicModule {
    return {
      module: AuditDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await migrateAuditStore(options.ownerUrl);
            return auditWriterDataSourceOptions(options.ownerUrl, options.writerUrl);
          },
        }),
      ],
      providers: [
        {
          provide: AuditDatabaseReadiness,
          useFactory: (dataSource: DataSource, health: HealthRegistry) => new AuditDatabaseReadiness(dataSource, health),
          inject: [getDataSourceToken(), HealthRegistry],
        },
      ],
    };
  }
}
