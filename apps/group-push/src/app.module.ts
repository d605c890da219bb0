import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@bridge/contracts';
import { DatabaseModule } from '@bridge/database';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import type { GroupPushConfig } from './app.config';
import { GroupEventsConsumer } from './group-state/group-events.consumer';
import { GroupStateService } from './group-state/group-state.service';
import { OktaGroupEntity } from './group-state/okta-group.entity';
import { ZoomUserRefEntity } from './group-state/zoom-user-ref.entity';
import { CreateGroupPushStore1764400000000 } from './migrations/1764400000000-create-group-push-store';

@Module({})
export class AppModule {
  static forRoot(config: GroupPushConfig, logger: BridgeLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'group-push', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'group_push',
          entities: [OktaGroupEntity, ZoomUserRefEntity],
          migrations: [CreateGroupPushStore1764400000000],
        }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'group-push',
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          topics: [{ topic: Topics.zoomGroupCommand }],
        }),
      ],
      controllers: [GroupEventsConsumer],
      providers: [GroupStateService],
    };
  }
}
