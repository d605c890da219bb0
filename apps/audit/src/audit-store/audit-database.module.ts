import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseReadinessProvider } from '@bridge/database';
import { auditWriterDataSourceOptions, migrateAuditStore } from './audit-database.config';

export interface AuditDatabaseOptions {
  ownerUrl: string;
  writerUrl?: string;
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
      providers: [databaseReadinessProvider()],
    };
  }
}
