import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { BridgeLogger } from '@bridge/observability';
import type { OktaIngestConfig } from './app.config';
import { AppModule } from './app.module';
import { RequestLogMiddleware } from './request-log/request-log.middleware';
import { bodyParserErrorToScim, sendScimError } from './scim-http/scim-exception.filter';

/** The okta-ingest HTTP app, as main.ts runs it and the conformance tests start it in-process. */
export async function createOktaIngestApp(config: OktaIngestConfig, logger: BridgeLogger): Promise<NestExpressApplication> {
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
  app.set('etag', false);
  return app;
}
