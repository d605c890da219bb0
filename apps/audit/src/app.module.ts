import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@bridge/database';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import type { AuditConfig } from './app.config';
import { AuditEventEntity } from './audit-intake/audit-event.entity';
import { AuditIntakeConsumer } from './audit-intake/audit-intake.consumer';
import { AuditIntakeService } from './audit-intake/audit-intake.service';
import { AuditEventsController } from './audit-query/audit-events.controller';
import { AuditorAuthGuard } from './audit-query/auditor-auth.guard';
import { CreateAuditStore1764400000000 } from './migrations/1764400000000-create-audit-store';

@Module({})
export class AppModule {
  static forRoot(config: AuditConfig, logger: BridgeLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'audit', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'audit',
          entities: [AuditEventEntity],
          migrations: [CreateAuditStore1764400000000],
        }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'audit', replicationFactor: config.KAFKA_REPLICATION_FACTOR }),
      ],
      controllers: [AuditIntakeConsumer, AuditEventsController],
      providers: [AuditIntakeService, AuditorAuthGuard],
    };
  }
}
