import { DynamicModule, Module, type OnApplicationShutdown, type OnModuleInit, Injectable, Inject } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { BridgeLogger, HealthRegistry } from '@bridge/observability';
import { createKafka, type KafkaConnectionOptions } from './kafka-options';
import { MessageProducer } from './message-producer';
import { ensureTopics, type TopicSpec } from './topic-admin';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaModuleOptions extends KafkaConnectionOptions {
  replicationFactor?: number;
  /** Topics this service produces to, created (if missing) before the producer connects. */
  topics?: readonly TopicSpec[];
  /** False for a service that keeps serving while Kafka is away (okta-ingest writes to its outbox). */
  producerGatesReadiness?: boolean;
}

@Injectable()
class ProducerLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly producer: MessageProducer,
    private readonly health: HealthRegistry,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, this.options.topics ?? [], this.options.replicationFactor);
    await this.producer.connect();
    if (this.options.producerGatesReadiness === false) {
      return;
    }
    this.health.register('kafka-producer', async () => {
      if (!this.producer.isConnected()) {
        throw new Error('producer is not connected');
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** The service's Kafka client and its one idempotent producer. */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          useFactory: (logger: BridgeLogger) => createKafka(options, logger),
          inject: [BridgeLogger],
        },
        {
          provide: MessageProducer,
          useFactory: (kafka: Kafka) => new MessageProducer(kafka),
          inject: [KAFKA_CLIENT],
        },
        ProducerLifecycle,
      ],
      exports: [KAFKA_CLIENT, KAFKA_OPTIONS, MessageProducer],
    };
  }
}

export const InjectKafka = (): ParameterDecorator => Inject(KAFKA_CLIENT);
