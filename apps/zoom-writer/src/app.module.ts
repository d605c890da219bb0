import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@bridge/contracts';
import { DatabaseModule } from '@bridge/database';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from './app.config';
import { CreateZoomWriterStore1764400000000 } from './migrations/1764400000000-create-zoom-writer-store';
import { RateBudgetService } from './rate-budget/rate-budget.service';
import { UserCommandsConsumer } from './user-sync/user-commands.consumer';
import { UserLinkEntity } from './user-sync/user-link.entity';
import { ZoomUserSyncService } from './user-sync/zoom-user-sync.service';
import { ZoomScimClient } from './zoom-api/zoom-scim.client';
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
          migrations: [CreateZoomWriterStore1764400000000],
        }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'zoom-writer',
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          topics: [{ topic: Topics.zoomCallResult }],
        }),
      ],
      controllers: [UserCommandsConsumer],
      providers: [
        { provide: ZOOM_WRITER_CONFIG, useValue: config },
        ZoomCredentialsService,
        RateBudgetService,
        ZoomScimClient,
        ZoomUserSyncService,
      ],
    };
  }
}
