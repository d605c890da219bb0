import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZoomHttpError, describeZoomHttpError, zoomHttpRequest } from './zoom-http';

describe('zoomHttpRequest', () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (request.url === '/slow') {
          setTimeout(() => response.end('late'), 500);
          return;
        }
        response.writeHead(429, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'set-cookie': ['a=1', 'b=2'] });
        response.end('{"code":429}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and gives back status, headers and text', async () => {
    const answer = await zoomHttpRequest(`${base}/scim2/Users`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/scim+json' },
      body: '{"userName":"é@example.com"}',
      timeoutMs: 2000,
    });
    expect(answer.status).toBe(429);
    expect(answer.text).toBe('{"code":429}');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: 'POST', body: '{"userName":"é@example.com"}' });
    expect(request?.headers['authorization']).toBe('Bearer t');
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength('{"userName":"é@example.com"}')));
  });

  it('gives up after the timeout and says so', async () => {
    const error = await zoomHttpRequest(`${base}/slow`, { method: 'GET', headers: {}, timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZoomHttpError);
    expect(describeZoomHttpError(error as ZoomHttpError)).toBe('timed out');
  });

  it('names a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await zoomHttpRequest(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, timeoutMs: 2000 }).catch((caught: unknown) => caught);
    expect(describeZoomHttpError(error as ZoomHttpError)).toMatch(/^ECONNREFUSED/);
  });
});
