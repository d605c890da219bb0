import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@bridge/contracts';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import type { MappingConfig } from './app.config';
import { TenantMappingsService } from './mapping-rules/tenant-mappings.service';
import { UserChangesConsumer } from './user-mapping/user-changes.consumer';
import { UserMappingService } from './user-mapping/user-mapping.service';

/** Mapping keeps no state of its own: its output ids derive from its input ids, so redelivery is harmless. */
@Module({})
export class AppModule {
  static forRoot(config: MappingConfig, logger: BridgeLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'mapping', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'mapping',
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          topics: [{ topic: Topics.zoomUserCommand }, { topic: Topics.mappingUserRejected }],
        }),
      ],
      controllers: [UserChangesConsumer],
      providers: [TenantMappingsService, UserMappingService],
    };
  }
}
