import { createLogger } from './bridge.logger';
import { formatPrettyLine } from './pretty-log.stream';
import { runWithContext } from '../context/bridge.context';

describe('pretty log lines', () => {
  it('prints time, level, service, tenant and correlation, message and the remaining fields', () => {
    const written: string[] = [];
    const logger = createLogger('mapping', { pretty: true, destination: { write: (line: string) => written.push(line) } });

    runWithContext({ tenantId: 'acme', correlationId: 'c-1' }, () => logger.warn('user rejected', { rule: 'email', password: 'p' }));

    expect(written).toEqual([expect.stringMatching(/^\d{2}:\d{2}:\d{2}\.\d{3} WARN  mapping \[acme c-1\] user rejected \{"rule":"email","password":"\[REDACTED\]"\}\n$/)]);
  });

  it('shows dashes outside a context and leaves out empty fields', () => {
    const line = formatPrettyLine('{"level":"info","time":"2025-01-02T03:04:05.006Z","service":"audit","msg":"started"}');
    expect(line).toMatch(/^\d{2}:\d{2}:05\.006 INFO  audit \[- -\] started\n$/);
  });

  it("prints an error's stack below the line", () => {
    const line = formatPrettyLine(JSON.stringify({ level: 'error', service: 's', msg: 'failed', err: { message: 'x', stack: 'Error: x\n    at f' } }));
    expect(line.split('\n')).toEqual([expect.stringContaining('ERROR s [- -] failed {"err"'), 'Error: x', '    at f', '']);
  });

  it('passes through a line that is not JSON rather than losing it', () => {
    expect(formatPrettyLine('plain text')).toBe('plain text\n');
  });
});
