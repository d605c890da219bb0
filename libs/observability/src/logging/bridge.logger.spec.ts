import { Logger } from '@nestjs/common';
import { runWithContext, setContextField } from '../context/bridge.context';
import { captureLogLines } from '../testing/observability-test-app';
import { createLogger } from './bridge.logger';
import { REDACTED } from './redact-secrets';

function createTestLogger(level = 'debug') {
  const { lines, destination } = captureLogLines();
  return { logger: createLogger('zoom-writer', { level, destination }), lines };
}

describe('BridgeLogger', () => {
  it('writes one JSON line with service, level, time and message', () => {
    const { logger, lines } = createTestLogger();

    logger.info('zoom user created', { zoomUserId: 'z-1' });

    expect(lines).toEqual([
      { level: 'info', time: expect.any(String), service: 'zoom-writer', msg: 'zoom user created', zoomUserId: 'z-1' },
    ]);
  });

  it('adds tenantId and correlationId from the current context to every line', () => {
    const { logger, lines } = createTestLogger();

    runWithContext({ tenantId: 'acme', correlationId: 'corr-1' }, () => {
      logger.info('first');
      setContextField('messageId', 'm-1');
      logger.error('second');
    });

    expect(lines).toEqual([
      expect.objectContaining({ msg: 'first', tenantId: 'acme', correlationId: 'corr-1' }),
      expect.objectContaining({ msg: 'second', tenantId: 'acme', correlationId: 'corr-1', messageId: 'm-1' }),
    ]);
  });

  it('redacts secrets put in the context too', () => {
    const { logger, lines } = createTestLogger();

    runWithContext({ tenantId: 'acme', caller: { authorization: 'Bearer x' } }, () => logger.info('call'));

    expect(lines[0]).toMatchObject({ tenantId: 'acme', caller: { authorization: REDACTED } });
  });

  it('lets a field given at the call override the context', () => {
    const { logger, lines } = createTestLogger();

    runWithContext({ tenantId: 'acme' }, () => logger.warn('dead-lettered', { tenantId: 'other' }));

    expect(lines[0]).toMatchObject({ tenantId: 'other' });
  });

  it.each([
    ['a top-level password', { password: 'p' }, { password: REDACTED }],
    ['an authorization header', { headers: { authorization: 'Bearer x', host: 'zoom' } }, { headers: { authorization: REDACTED, host: 'zoom' } }],
    ['a password four levels down', { a: { b: { c: { password: 'p' } } } }, { a: { b: { c: { password: REDACTED } } } }],
    ['a client_secret', { credentials: { client_secret: 's' } }, { credentials: { client_secret: REDACTED } }],
    ['a Bearer credential inside a string field', { error: 'sent Bearer abc' }, { error: `sent Bearer ${REDACTED}` }],
  ])('redacts %s', (_case, fields, expected) => {
    const { logger, lines } = createTestLogger();

    logger.info('call', fields);

    expect(lines[0]).toMatchObject(expected);
  });

  it('redacts a Bearer credential inside the message', () => {
    const { logger, lines } = createTestLogger();

    logger.error('rejected Bearer abc.def');

    expect(lines[0]?.['msg']).toBe(`rejected Bearer ${REDACTED}`);
  });

  it('writes an error as type, message and stack', () => {
    const { logger, lines } = createTestLogger();

    logger.error('publish failed', { err: new TypeError('broker down') });

    expect(lines[0]?.['err']).toEqual({ type: 'TypeError', message: 'broker down', stack: expect.stringContaining('TypeError: broker down') });
  });

  it('keeps its bindings, redacted, on the lines of a child', () => {
    const { logger, lines } = createTestLogger();

    logger.child({ component: 'outbox', token: 't' }).info('relayed');

    expect(lines[0]).toMatchObject({ component: 'outbox', token: REDACTED, msg: 'relayed', service: 'zoom-writer' });
  });

  it('drops lines below its level', () => {
    const { logger, lines } = createTestLogger('info');

    logger.debug('noise');
    logger.verbose('more noise');
    logger.info('signal');

    expect(lines.map((line) => line['msg'])).toEqual(['signal']);
  });

  it.each([
    ['log', 'info'],
    ['error', 'error'],
    ['warn', 'warn'],
    ['debug', 'debug'],
    ['verbose', 'trace'],
    ['fatal', 'fatal'],
  ] as const)("writes Nest's %s lines as %s JSON with their context", (method, level) => {
    const { logger, lines } = createTestLogger('trace');
    Logger.overrideLogger(logger);

    new Logger('RouterExplorer')[method]('Mapped {/health, GET} route');

    expect(lines).toEqual([expect.objectContaining({ level, msg: 'Mapped {/health, GET} route', context: 'RouterExplorer', service: 'zoom-writer' })]);
  });

  it("writes the stack Nest passes with an error", () => {
    const { logger, lines } = createTestLogger();
    Logger.overrideLogger(logger);
    const error = new Error('handler exploded');

    new Logger('ExceptionsHandler').error(error);

    expect(lines[0]).toMatchObject({ level: 'error', msg: 'handler exploded', context: 'ExceptionsHandler', err: { stack: error.stack } });
  });

  afterEach(() => {
    Logger.overrideLogger(false);
  });
});
