import 'reflect-metadata';
import { runService, startConsumerService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadMappingConfig } from './app.config';
import { AppModule } from './app.module';

runService('mapping', async () => {
  const config = loadMappingConfig();
  const logger = createLogger('mapping', loggerOptionsFromEnv(process.env));
  await startConsumerService(AppModule.forRoot(config, logger), { service: 'mapping', port: config.PORT, groupId: config.KAFKA_GROUP_ID, fetchLingerMs: config.KAFKA_FETCH_LINGER_MS, logger });
});
