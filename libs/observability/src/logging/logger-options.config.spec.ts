import { loggerOptionsFromEnv } from './logger-options.config';

describe('loggerOptionsFromEnv', () => {
  it.each([
    [{}, { level: 'info', pretty: false }],
    [{ LOG_LEVEL: '', LOG_FORMAT: '' }, { level: 'info', pretty: false }],
    [{ LOG_LEVEL: 'debug' }, { level: 'debug', pretty: false }],
    [{ LOG_FORMAT: 'pretty' }, { level: 'info', pretty: true }],
    [{ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, { level: 'warn', pretty: false }],
  ])('reads %j as %j', (env, expected) => {
    expect(loggerOptionsFromEnv(env)).toEqual(expected);
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of .*got "verbose"/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT must be one of json, pretty; got "xml"/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loggerOptionsFromEnv(env)).toThrow(message);
  });
});
