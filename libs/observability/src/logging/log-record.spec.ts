import { toLogRecord } from './log-record';

const stack = 'Error: boom\n    at handler (/app/main.js:1:2)';

describe('toLogRecord', () => {
  it.each([
    ['our (message, fields) form', 'user created', [{ zoomUserId: 'z1' }], false, { message: 'user created', fields: { zoomUserId: 'z1' } }],
    ["Nest's (message, context)", 'Mapped {/health, GET} route', ['RouterExplorer'], false, { message: 'Mapped {/health, GET} route', fields: { context: 'RouterExplorer' } }],
    ["Nest's (message, fields, context)", 'ready', [{ port: 1 }, 'Bootstrap'], false, { message: 'ready', fields: { port: 1, context: 'Bootstrap' } }],
    ["Nest's error (message, stack, context)", 'failed', [stack, 'Scheduler'], true, { message: 'failed', fields: { stack, context: 'Scheduler' } }],
    ["Nest's error (message, undefined, context)", 'failed', [undefined, 'Scheduler'], true, { message: 'failed', fields: { context: 'Scheduler' } }],
    ["Nest's error (message, stack) without context", 'failed', [stack], true, { message: 'failed', fields: { stack } }],
    ["Nest's error (message, context) without stack", 'failed', ['Scheduler'], true, { message: 'failed', fields: { context: 'Scheduler' } }],
    ['extra values that are not fields', 'odd', [42, true], false, { message: 'odd', fields: { args: [42, true] } }],
    ['a non-string message', 7, [], false, { message: '7', fields: {} }],
    ['an object message', { a: 1 }, [], false, { message: '', fields: { data: { a: 1 } } }],
  ])('reads %s', (_case, message, params, hasStack, expected) => {
    expect(toLogRecord(message, params, hasStack)).toEqual(expected);
  });

  it('uses the message of an Error and keeps the error as err, as Nest passes unhandled exceptions', () => {
    const error = new Error('kaput');
    expect(toLogRecord(error, [undefined, 'ExceptionsHandler'], true)).toEqual({
      message: 'kaput',
      fields: { context: 'ExceptionsHandler', err: error },
    });
  });
});
