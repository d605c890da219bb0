import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@bridge/contracts';
import { DatabaseModule } from '@bridge/database';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from './app.config';
import { CommandQueueRepository } from './command-queue/command-queue.repository';
import { UserCommandIntakeConsumer } from './command-queue/user-command-intake.consumer';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { ZOOM_WRITER_MIGRATIONS } from './migrations';
import { CredentialProbeService } from './quarantine/credential-probe.service';
import { QuarantineService } from './quarantine/quarantine.service';
import { RateBudgetService } from './rate-budget/rate-budget.service';
import { ResultOutboxRelay } from './result-outbox/result-outbox.relay';
import { CommandExecutionService } from './tenant-lanes/command-execution.service';
import { TenantLanesService } from './tenant-lanes/tenant-lanes.service';
import { UserLinkEntity } from './user-sync/user-link.entity';
import { ZoomUserSyncService } from './user-sync/zoom-user-sync.service';
import { ZoomScimClient } from './zoom-api/zoom-scim.client';
import { CredentialsCheckController } from './zoom-credentials/credentials-check.controller';
import { CredentialsCheckService } from './zoom-credentials/credentials-check.service';
import { ZoomCredentialsService } from './zoom-credentials/zoom-credentials.service';

@Module({})
export class AppModule {
  static forRoot(config: ZoomWriterConfig, logger: BridgeLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'zoom-writer', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'zoom_writer',
          entities: [UserLinkEntity],
          migrations: ZOOM_WRITER_MIGRATIONS,
        }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'zoom-writer',
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          topics: [{ topic: Topics.zoomCallResult }, { topic: Topics.deadLetter }],
        }),
      ],
      controllers: [UserCommandIntakeConsumer, DeadLettersController, CredentialsCheckController],
      providers: [
        { provide: ZOOM_WRITER_CONFIG, useValue: config },
        ZoomCredentialsService,
        RateBudgetService,
        ZoomScimClient,
        ZoomUserSyncService,
        CommandQueueRepository,
        ResultOutboxRelay,
        QuarantineService,
        CredentialProbeService,
        CommandExecutionService,
        TenantLanesService,
        DeadLettersService,
        CredentialsCheckService,
      ],
    };
  }
}
