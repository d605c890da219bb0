import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Topics } from '@bridge/contracts';
import { DatabaseModule } from '@bridge/database';
import { KafkaModule } from '@bridge/kafka';
import { ObservabilityModule, type BridgeLogger } from '@bridge/observability';
import { TenancyModule } from '@bridge/tenancy';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from './app.config';
import { DiscoveryController } from './discovery/discovery.controller';
import { InboundRateLimitGuard } from './inbound-rate-limit/inbound-rate-limit.guard';
import { OKTA_INGEST_MIGRATIONS } from './migrations';
import { ChangeTransaction } from './outbox/change-transaction.service';
import { ListQueryRepository } from './scim-query/list-query.repository';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { RequestLogMiddleware } from './request-log/request-log.middleware';
import { RequestRecordBufferService } from './request-log/request-record-buffer.service';
import { ScimAuthGuard } from './scim-auth/scim-auth.guard';
import { ScimExceptionFilter } from './scim-http/scim-exception.filter';
import { GroupMembersRepository } from './scim-groups/group-members.repository';
import { ScimGroupsController } from './scim-groups/scim-groups.controller';
import { ScimGroupsService } from './scim-groups/scim-groups.service';
import { ScimUserEntity } from './scim-users/scim-user.entity';
import { ScimUsersController } from './scim-users/scim-users.controller';
import { ScimUsersService } from './scim-users/scim-users.service';

@Module({})
export class AppModule {
  static forRoot(config: OktaIngestConfig, logger: BridgeLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'okta-ingest', logger }),
        TenancyModule.forRoot({ file: config.TENANTS_FILE, logger }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'ingest',
          entities: [ScimUserEntity, OutboxMessageEntity],
          migrations: OKTA_INGEST_MIGRATIONS,
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        TypeOrmModule.forFeature([ScimUserEntity, OutboxMessageEntity]),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'okta-ingest',
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          topics: [{ topic: Topics.scimUserChanged }, { topic: Topics.scimGroupChanged }, { topic: Topics.ingestRequestLogged }],
          // Changes go to the outbox in PostgreSQL, so Okta is served while Kafka is away.
          producerGatesReadiness: false,
        }),
      ],
      controllers: [ScimUsersController, ScimGroupsController, DiscoveryController],
      providers: [
        { provide: OKTA_INGEST_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ScimExceptionFilter },
        ScimAuthGuard,
        InboundRateLimitGuard,
        ChangeTransaction,
        ListQueryRepository,
        GroupMembersRepository,
        ScimUsersService,
        ScimGroupsService,
        OutboxRepository,
        OutboxRelayService,
        RequestLogMiddleware,
        RequestRecordBufferService,
      ],
    };
  }
}
