import http from 'node:http';
import https from 'node:https';

export interface ZoomHttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** A request that got no answer: `timedOut`, or the socket's error (its `code` names DNS, refusal, TLS…). */
export class ZoomHttpError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = timedOut ? 'TimeoutError' : 'ZoomHttpError';
  }
}

// Keep-alive connections to Zoom, shared by every tenant: fetch() (undici and web streams) cost
// about a tenth of the writer's CPU at Zoom's pace; node's http client with pooled sockets far less.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 128 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 128 }),
};

/** One HTTP exchange with Zoom, the whole of it (connect, send, read) bounded by `timeoutMs`. */
export function zoomHttpRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<ZoomHttpAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const headers = init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
    const request = transport.request(target, { method: init.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: toHeaders(response.headers), text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => fail(error));
    });
    const timer = setTimeout(() => {
      request.destroy(new ZoomHttpError(`no answer within ${init.timeoutMs} ms`, undefined, true));
    }, init.timeoutMs);
    function fail(error: unknown): void {
      clearTimeout(timer);
      if (error instanceof ZoomHttpError) {
        reject(error);
        return;
      }
      const code = (error as { code?: unknown }).code;
      reject(new ZoomHttpError(error instanceof Error ? error.message : String(error), typeof code === 'string' ? code : undefined, false));
    }
    request.on('error', fail);
    request.end(init.body);
  });
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      value.forEach((item) => headers.append(name, item));
    } else if (value !== undefined) {
      headers.set(name, value);
    }
  }
  return headers;
}

/** What went wrong, in words an operator can act on. */
export function describeZoomHttpError(error: ZoomHttpError): string {
  if (error.timedOut) {
    return 'timed out';
  }
  return error.code === undefined ? error.message : `${error.code} (${error.message})`;
}
