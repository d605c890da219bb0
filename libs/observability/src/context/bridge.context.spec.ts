import { currentContext, runWithContext, setContextField } from './bridge.context';

describe('bridge context', () => {
  it('is empty outside any request or message', () => {
    expect(currentContext()).toEqual({});
  });

  it('follows the work through awaits', async () => {
    const seen = await runWithContext({ tenantId: 'acme', correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentContext();
    });

    expect(seen).toEqual({ tenantId: 'acme', correlationId: 'c-1' });
  });

  it('keeps two concurrent runs apart', async () => {
    const run = (tenantId: string) =>
      runWithContext({ tenantId }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return currentContext().tenantId;
      });

    expect(await Promise.all([run('a'), run('b')])).toEqual(['a', 'b']);
  });

  it('lets a guard add the tenant to the running context', () => {
    const seen = runWithContext({ correlationId: 'c-1' }, () => {
      setContextField('tenantId', 'acme');
      return currentContext();
    });

    expect(seen).toEqual({ correlationId: 'c-1', tenantId: 'acme' });
  });

  it('inherits the enclosing fields in a nested run without changing them', () => {
    runWithContext({ tenantId: 'acme', correlationId: 'outer' }, () => {
      const inner = runWithContext({ correlationId: 'inner' }, () => {
        setContextField('messageId', 'm-1');
        return currentContext();
      });

      expect(inner).toEqual({ tenantId: 'acme', correlationId: 'inner', messageId: 'm-1' });
      expect(currentContext()).toEqual({ tenantId: 'acme', correlationId: 'outer' });
    });
  });

  it('refuses to set a field outside a context rather than lose it', () => {
    expect(() => setContextField('tenantId', 'acme')).toThrow(/outside runWithContext/);
  });
});
