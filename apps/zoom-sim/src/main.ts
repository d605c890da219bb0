import 'reflect-metadata';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadZoomSimConfig } from './app.config';
import { SERVICE_NAME, createZoomSimApp } from './app.module';

async function main(): Promise<void> {
  const config = loadZoomSimConfig(process.env);
  const logger = createLogger(SERVICE_NAME, loggerOptionsFromEnv(process.env));
  const app = await createZoomSimApp({ config, logger });
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  logger.info('zoom-sim listening', {
    port: config.port,
    scimBaseUrl: `http://127.0.0.1:${config.port}/scim2`,
    accounts: config.accounts.map((definition) => definition.account.id),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`zoom-sim failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
