import 'reflect-metadata';
import { runService, startConsumerService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadZoomWriterConfig } from './app.config';
import { AppModule } from './app.module';

runService('zoom-writer', async () => {
  const config = loadZoomWriterConfig();
  const logger = createLogger('zoom-writer', loggerOptionsFromEnv(process.env));
  await startConsumerService(AppModule.forRoot(config, logger), { service: 'zoom-writer', port: config.PORT, groupId: config.KAFKA_GROUP_ID, fetchLingerMs: config.KAFKA_FETCH_LINGER_MS, logger });
});
