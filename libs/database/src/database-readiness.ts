import type { OnApplicationBootstrap, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@bridge/observability';

class DatabaseReadiness implements OnApplicationBootstrap {
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

/** Makes `/health/ready` depend on a real query over the module's TypeORM connection. */
export function databaseReadinessProvider(): Provider {
  return {
    provide: DatabaseReadiness,
    useFactory: (dataSource: DataSource, health: HealthRegistry) => new DatabaseReadiness(dataSource, health),
    inject: [getDataSourceToken(), HealthRegistry],
  };
}
