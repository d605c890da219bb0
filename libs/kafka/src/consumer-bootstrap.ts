import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { BridgeLogger, HealthRegistry } from '@bridge/observability';
import { backoffDelay } from './backoff';
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

/**
 * Starts a service whose work arrives over Kafka, with its HTTP side (health, metrics, APIs).
 * The app (its lifecycle hooks, its HTTP side) starts first and the consumer after it, retried
 * until it runs: joining the group after a crash waits out the dead member's session (up to 30 s),
 * and Kafka may be away at start. Meanwhile readiness says why, and work that needs no Kafka
 * (zoom-writer draining its durable queue) goes on.
 */
export async function startConsumerService(module: DynamicModule, options: ConsumerServiceOptions): Promise<INestApplication> {
  const { service, port, logger, ...consumer } = options;
  const app = await NestFactory.create(module, { logger });
  app.enableShutdownHooks();
  const server = connectKafkaConsumer(app, consumer);
  await app.listen(port, '0.0.0.0');
  logger.info(`${service} listening`, { port });
  void startConsumerUntilRunning(app, server, logger);
  return app;
}

async function startConsumerUntilRunning(app: INestApplication, server: BridgeKafkaServer, logger: BridgeLogger): Promise<void> {
  for (let attempt = 1; !server.isClosed(); attempt += 1) {
    try {
      await app.startAllMicroservices();
      logger.info('kafka consumer running');
      return;
    } catch (error) {
      if (server.isClosed()) {
        return;
      }
      const retryInMs = backoffDelay(attempt, { initialMs: 1000, maxMs: 30_000, jitter: 0.2 });
      logger.error('kafka consumer could not start; retrying', { error: error instanceof Error ? error.message : String(error), attempt, retryInMs });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}

/** Runs a service's bootstrap; a failure to start prints one readable line and exits non-zero. */
export function runService(service: string, bootstrap: () => Promise<unknown>): void {
  bootstrap().catch((error: unknown) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
