import 'reflect-metadata';
import { runService, startConsumerService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadGroupPushConfig } from './app.config';
import { AppModule } from './app.module';

runService('group-push', async () => {
  const config = loadGroupPushConfig();
  const logger = createLogger('group-push', loggerOptionsFromEnv(process.env));
  await startConsumerService(AppModule.forRoot(config, logger), { service: 'group-push', port: config.PORT, groupId: config.KAFKA_GROUP_ID, fetchLingerMs: config.KAFKA_FETCH_LINGER_MS, logger });
});
