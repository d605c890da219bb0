import 'reflect-metadata';
import { runService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadOktaIngestConfig } from './app.config';
import { createOktaIngestApp } from './app.factory';

runService('okta-ingest', async () => {
  const config = loadOktaIngestConfig();
  const logger = createLogger('okta-ingest', loggerOptionsFromEnv(process.env));
  const app = await createOktaIngestApp(config, logger);
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  logger.info('okta-ingest listening', { port: config.PORT, scimBaseUrl: `http://127.0.0.1:${config.PORT}/scim/v2` });
});
