import { Module, type DynamicModule } from '@nestjs/common';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import type { AuditConfig } from './app.config';
import { AuditIntakeConsumer } from './audit-intake/audit-intake.consumer';
import { AuditIntakeService } from './audit-intake/audit-intake.service';
import { AuditAccess } from './audit-query/audit-access.service';
import { AuditEventsController } from './audit-query/audit-events.controller';
import { AuditEventsRepository } from './audit-query/audit-events.repository';
import { AuditExportController } from './audit-query/audit-export.controller';
import { AuditorAuthGuard } from './audit-query/auditor-auth.guard';
import { QueryRecorder } from './audit-query/query-recorder.service';
import { AuditDatabaseModule } from './audit-store/audit-database.module';
import { AuditPartitions } from './audit-store/audit-partitions.service';
import { AuditWriterService } from './audit-store/audit-writer.service';
import { ChainVerificationController } from './hash-chain/chain-verification.controller';
import { ChainVerificationService } from './hash-chain/chain-verification.service';
import { loadCheckpointKey } from './hash-chain/checkpoint-key.config';
import { CHECKPOINT_KEY, CheckpointRepository } from './hash-chain/checkpoint.repository';
import { CHECKPOINT_INTERVAL_MS, CheckpointService } from './hash-chain/checkpoint.service';
import { OpenApiController } from './openapi/openapi.controller';
import { RETENTION_INTERVAL_MS, RetentionService } from './retention/retention.service';
import { UserTimelineController } from './user-timeline/user-timeline.controller';
import { UserTimelineRepository } from './user-timeline/user-timeline.repository';

export interface AuditModuleOptions {
  /** False in tests that drive intake themselves. */
  kafka?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AuditConfig, logger: BridgeLogger, options: AuditModuleOptions = {}): DynamicModule {
    const key = loadCheckpointKey(config, (message) => logger.warn(message));
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'audit', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        AuditDatabaseModule.forRoot({ ownerUrl: config.DATABASE_URL, writerUrl: config.AUDIT_DATABASE_URL }),
        ...(options.kafka === false
          ? []
          : [KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'audit', replicationFactor: config.KAFKA_REPLICATION_FACTOR })]),
      ],
      controllers: [
        ...(options.kafka === false ? [] : [AuditIntakeConsumer]),
        AuditEventsController,
        AuditExportController,
        UserTimelineController,
        ChainVerificationController,
        OpenApiController,
      ],
      providers: [
        { provide: CHECKPOINT_KEY, useValue: key },
        { provide: CHECKPOINT_INTERVAL_MS, useValue: config.AUDIT_CHECKPOINT_INTERVAL_MS },
        { provide: RETENTION_INTERVAL_MS, useValue: config.AUDIT_RETENTION_INTERVAL_MS },
        AuditPartitions,
        AuditWriterService,
        AuditIntakeService,
        CheckpointRepository,
        CheckpointService,
        ChainVerificationService,
        RetentionService,
        AuditorAuthGuard,
        AuditAccess,
        QueryRecorder,
        AuditEventsRepository,
        UserTimelineRepository,
      ],
    };
  }
}
