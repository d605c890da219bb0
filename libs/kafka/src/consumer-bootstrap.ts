import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { BridgeLogger, HealthRegistry } from '@bridge/observability';
import { BridgeKafkaServer, type BridgeKafkaServerOptions } from './bridge-kafka.server';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaModuleOptions } from './kafka.module';
import { MessageProducer } from './message-producer';

export type ConsumerOptions = Omit<BridgeKafkaServerOptions, 'kafka' | 'logger' | 'deadLetters'>;

/**
 * Attaches the service's Kafka consumer (its `@EventPattern` handlers) to a Nest app and makes
 * readiness depend on it. Call before `app.startAllMicroservices()`.
 */
export function connectKafkaConsumer(app: INestApplication, options: ConsumerOptions): BridgeKafkaServer {
  const kafka = app.get<Kafka>(KAFKA_CLIENT);
  const moduleOptions = app.get<KafkaModuleOptions>(KAFKA_OPTIONS);
  const server = new BridgeKafkaServer({
    replicationFactor: moduleOptions.replicationFactor,
    ...options,
    kafka,
    logger: app.get(BridgeLogger),
    deadLetters: app.get(MessageProducer),
  });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: false });
  app.get(HealthRegistry).register('kafka-consumer', async () => {
    server.assertHealthy();
  });
  return server;
}

export interface ConsumerServiceOptions extends ConsumerOptions {
  service: string;
  port: number;
  logger: BridgeLogger;
}

/** Starts a service whose work arrives over Kafka, with its HTTP side (health, metrics, APIs). */
export async function startConsumerService(module: DynamicModule, options: ConsumerServiceOptions): Promise<INestApplication> {
  const { service, port, logger, ...consumer } = options;
  const app = await NestFactory.create(module, { logger });
  app.enableShutdownHooks();
  connectKafkaConsumer(app, consumer);
  await app.startAllMicroservices();
  await app.listen(port, '0.0.0.0');
  logger.info(`${service} listening`, { port });
  return app;
}

/** Runs a service's bootstrap; a failure to start prints one readable line and exits non-zero. */
export function runService(service: string, bootstrap: () => Promise<unknown>): void {
  bootstrap().catch((error: unknown) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
