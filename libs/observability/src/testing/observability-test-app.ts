import type { DynamicModule, INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import { createLogger, type BridgeLogger } from '../logging/bridge.logger';
import { ObservabilityModule } from '../observability.module';

export type LogLine = Record<string, unknown>;

/** A destination that keeps every line the logger writes, parsed. */
export function captureLogLines(): { lines: LogLine[]; destination: DestinationStream } {
  const lines: LogLine[] = [];
  return { lines, destination: { write: (line: string) => lines.push(JSON.parse(line) as LogLine) } };
}

export interface ObservabilityTestApp {
  app: INestApplication;
  url: string;
  logger: BridgeLogger;
  logs: LogLine[];
}

/** A real Nest app with the module, listening on a free port; close it with `app.close()`. */
export async function startObservabilityTestApp(
  options: { imports?: (Type | DynamicModule)[]; controllers?: Type[]; providers?: Provider[] } = {},
): Promise<ObservabilityTestApp> {
  const { lines, destination } = captureLogLines();
  const logger = createLogger('test-service', { level: 'debug', destination });
  const moduleRef = await Test.createTestingModule({
    imports: [ObservabilityModule.forRoot({ service: 'test-service', logger }), ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), logger, logs: lines };
}
