import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@bridge/observability';
import { createZoomSimApp } from '../app.module';
import type { AccountDefinition } from '../state/account-config.schema';
import { DEMO_ACCOUNT_ID, demoAccountDefinition } from '../state/demo-account.config';
import { SimClock } from '../state/sim-clock.service';

export const TEST_TOKEN = 'zoom-sim-test-token';
export { DEMO_ACCOUNT_ID };

/** A clock that moves only when told to; starts mid-second, mid-day (UTC). */
export class ManualClock extends SimClock {
  constructor(public current = Date.UTC(2025, 0, 15, 12, 0, 0, 500)) {
    super();
  }

  override now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export interface SimResponse {
  status: number;
  headers: Headers;
  // Tests read arbitrary JSON; the loose type is confined to them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  /** The bearer token; the demo account's static token unless given, none when null. */
  token?: string | null;
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON and size limits). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface SimTestApp {
  app: NestExpressApplication;
  url: string;
  clock: ManualClock;
  call(method: string, path: string, options?: CallOptions): Promise<SimResponse>;
  control(method: string, path: string, body?: unknown): Promise<SimResponse>;
  close(): Promise<void>;
}

/** The simulator on a free port with a manual clock and the demo account (static token `TEST_TOKEN`). */
export async function startSimTestApp(options: { accounts?: AccountDefinition[]; callLogSize?: number } = {}): Promise<SimTestApp> {
  const clock = new ManualClock();
  const app = await createZoomSimApp({
    config: { accounts: options.accounts ?? [demoAccountDefinition(TEST_TOKEN)], callLogSize: options.callLogSize ?? 1000 },
    logger: createLogger('zoom-sim', { level: 'silent' }),
    clock,
  });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<SimResponse> => {
    const token = callOptions.token === undefined ? TEST_TOKEN : callOptions.token;
    const headers: Record<string, string> = { accept: 'application/scim+json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) };
    let body: string | undefined = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/scim+json';
    }
    const response = await fetch(`${url}${path}`, { method, headers: { ...headers, ...callOptions.headers }, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return {
    app,
    url,
    clock,
    call,
    control: (method, path, body) => call(method, `/_control${path}`, { token: null, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } }),
    close: () => app.close(),
  };
}
