import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretUnavailableError } from './secret-unavailable.exception';
import { describeSecretRef, resolveSecret } from './secret.resolver';

const dir = mkdtempSync(join(tmpdir(), 'tenancy-secrets-'));

function failure(run: () => unknown): SecretUnavailableError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretUnavailableError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the secret to be unavailable');
}

describe('resolveSecret', () => {
  it('reads an environment variable, trimmed', () => {
    expect(resolveSecret({ env: 'ZOOM_TOKEN' }, { ZOOM_TOKEN: 'zoom-secret\n' })).toBe('zoom-secret');
  });

  it('reads a mounted file, trimmed', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'file-secret\n');
    expect(resolveSecret({ file })).toBe('file-secret');
  });

  it('defaults to the process environment', () => {
    process.env.TENANCY_SPEC_SECRET = 'from-process';
    expect(resolveSecret({ env: 'TENANCY_SPEC_SECRET' })).toBe('from-process');
    delete process.env.TENANCY_SPEC_SECRET;
  });

  it.each([
    ['an unset variable', () => resolveSecret({ env: 'ZOOM_TOKEN' }, {}), 'secret env ZOOM_TOKEN is unavailable: the environment variable is not set'],
    ['a blank variable', () => resolveSecret({ env: 'ZOOM_TOKEN' }, { ZOOM_TOKEN: ' \n' }), 'secret env ZOOM_TOKEN is unavailable: it is empty'],
    ['a missing file', () => resolveSecret({ file: join(dir, 'absent') }), `secret file ${join(dir, 'absent')} is unavailable: the file cannot be read (ENOENT)`],
  ])('names the reference when %s cannot be used', (_case, run, message) => {
    const error = failure(run);
    expect(error.message).toBe(message);
    expect(error.reference).toMatch(/^(env|file) /);
  });

  it('names an empty file without its content', () => {
    const file = join(dir, 'empty');
    writeFileSync(file, '\n');
    expect(failure(() => resolveSecret({ file })).message).toBe(`secret file ${file} is unavailable: it is empty`);
  });

  it('describes references for logs', () => {
    expect(describeSecretRef({ env: 'A' })).toBe('env A');
    expect(describeSecretRef({ file: '/run/a' })).toBe('file /run/a');
  });
});
