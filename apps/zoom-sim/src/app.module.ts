import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ObservabilityModule, createLogger, type BridgeLogger } from '@bridge/observability';
import type { ZoomSimConfig } from './app.config';
import { CALL_LOG_CAPACITY, CallLogService } from './call-log/call-log.service';
import { AccountSeedService } from './control/account-seed.service';
import { ControlController } from './control/control.controller';
import { ControlService, DEFAULT_ACCOUNTS } from './control/control.service';
import { FaultsService } from './faults/faults.service';
import { GroupsController } from './groups/groups.controller';
import { GroupsService } from './groups/groups.service';
import { AccessTokenService } from './oauth/access-token.service';
import { OAuthController } from './oauth/oauth.controller';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { bodyParseErrorHandler, formBodyParser, jsonBodyParser } from './scim-http/body-parsing.middleware';
import { ScimGatewayService } from './scim-http/scim-gateway.service';
import { SimClock } from './state/sim-clock.service';
import { SimStateService } from './state/sim-state.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export const SERVICE_NAME = 'zoom-sim';

export interface ZoomSimOptions {
  config: Pick<ZoomSimConfig, 'accounts' | 'callLogSize'>;
  logger?: BridgeLogger;
  /** Replaces the wall clock (rate windows, daily reset, token expiry, timestamps). */
  clock?: SimClock;
}

@Module({})
export class AppModule {
  static forRoot(options: ZoomSimOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ObservabilityModule.forRoot({ service: SERVICE_NAME, logger: options.logger })],
      controllers: [UsersController, GroupsController, OAuthController, ControlController],
      providers: [
        { provide: SimClock, useValue: options.clock ?? new SimClock() },
        { provide: DEFAULT_ACCOUNTS, useValue: options.config.accounts },
        { provide: CALL_LOG_CAPACITY, useValue: options.config.callLogSize },
        SimStateService,
        AccessTokenService,
        FaultsService,
        RateLimitService,
        CallLogService,
        ScimGatewayService,
        UsersService,
        GroupsService,
        AccountSeedService,
        ControlService,
      ],
    };
  }
}

/** The simulator as a Nest app, not yet listening: `main.ts` listens on PORT, tests on port 0. */
export async function createZoomSimApp(options: ZoomSimOptions): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(SERVICE_NAME);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, logger }), { bodyParser: false, logger });
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(jsonBodyParser());
  app.use(formBodyParser());
  app.use(bodyParseErrorHandler);
  return app;
}
