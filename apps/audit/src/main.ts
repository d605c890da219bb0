import 'reflect-metadata';
import { runService, startConsumerService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadAuditConfig } from './app.config';
import { AppModule } from './app.module';

runService('audit', async () => {
  const config = loadAuditConfig();
  const logger = createLogger('audit', loggerOptionsFromEnv(process.env));
  await startConsumerService(AppModule.forRoot(config, logger), {
    service: 'audit',
    port: config.PORT,
    groupId: config.KAFKA_GROUP_ID,
    fetchLingerMs: config.KAFKA_FETCH_LINGER_MS,
    logger,
    partitionsConsumedConcurrently: 6,
    maxBatchSize: 1000,
  });
});
