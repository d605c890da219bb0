import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { runService } from '@bridge/kafka';
import { createLogger, loggerOptionsFromEnv } from '@bridge/observability';
import { loadOktaIngestConfig } from './app.config';
import { AppModule } from './app.module';
import { RequestLogMiddleware } from './request-log/request-log.middleware';
import { bodyParserErrorToScim, sendScimError } from './scim-http/scim-exception.filter';

runService('okta-ingest', async () => {
  const config = loadOktaIngestConfig();
  const logger = createLogger('okta-ingest', loggerOptionsFromEnv(process.env));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    logger,
  });
  // Registered before the body parser so that refused bodies are recorded too.
  const requestLog = app.get(RequestLogMiddleware);
  app.use('/scim', (request: Request, response: Response, next: NextFunction) => {
    response.type('application/scim+json');
    requestLog.use(request, response, next);
  });
  // Okta sends application/scim+json (sometimes application/json); both parse as JSON.
  app.use(json({ type: ['application/json', 'application/scim+json', 'application/*+json'], limit: config.SCIM_MAX_BODY_BYTES }));
  app.use((error: { type?: string; status?: number; limit?: number }, _request: Request, response: Response, next: NextFunction) => {
    const scimError = bodyParserErrorToScim(error);
    if (scimError === undefined) {
      next(error);
      return;
    }
    sendScimError(response, scimError);
  });
  app.set('trust proxy', true);
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  logger.info('okta-ingest listening', { port: config.PORT, scimBaseUrl: `http://127.0.0.1:${config.PORT}/scim/v2` });
});
