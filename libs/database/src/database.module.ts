import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList, EntitySchema } from 'typeorm';
import { ensureDatabaseAndSchema } from './database-bootstrap';
import { databaseReadinessProvider } from './database-readiness';
import { PreparingClient } from './prepared-statements';
import { tableMaintenanceProvider, type TableMaintenanceOptions } from './table-maintenance';

export interface DatabaseModuleOptions {
  url: string;
  /** The service's own schema: every table it owns lives here. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** How the schema's tables are vacuumed and analyzed (see `TableMaintenance`); `false` leaves it to the server. */
  maintenance?: TableMaintenanceOptions | false;
}

/** TypeORM on the service's own schema; migrations run at start, never `synchronize`; its tables kept vacuumed. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabaseAndSchema(options.url, options.schema);
            return {
              type: 'postgres' as const,
              url: options.url,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsRun: true,
              migrationsTableName: 'migrations',
              migrationsTransactionMode: 'each' as const,
              synchronize: false,
              logging: ['error' as const],
              extra: { max: options.poolSize ?? 10, application_name: options.schema, Client: PreparingClient },
            };
          },
        }),
      ],
      providers: [
        databaseReadinessProvider(),
        ...(options.maintenance === false ? [] : [tableMaintenanceProvider(options.schema, options.maintenance)]),
      ],
    };
  }
}
