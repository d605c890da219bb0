import { DIGEST_PATTERN, TOKEN_PREFIX, digestToken, generateToken, tokensMatch } from './token.digest';

// The module object itself: spying on an `import * as` copy would not see the library's calls.
const nodeCrypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');

describe('token digests', () => {
  it('digests a token as sha256 and lowercase hex', () => {
    // The SHA-256 test vector for "abc" from FIPS 180-2.
    expect(digestToken('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('generates a prefixed base64url token of 32 random bytes', () => {
    const token = generateToken();
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(token).toMatch(/^ozb_[A-Za-z0-9_-]{43}$/);
    expect(DIGEST_PATTERN.test(digestToken(token))).toBe(true);
  });

  it('never generates the same token twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken()));
    expect(tokens.size).toBe(200);
  });

  it.each([
    ['the token the digest was made from', 'ozb_right', digestToken('ozb_right'), true],
    ['another token', 'ozb_wrong', digestToken('ozb_right'), false],
    ['the token with a trailing newline', 'ozb_right\n', digestToken('ozb_right'), false],
    ['a digest in upper case', 'ozb_right', digestToken('ozb_right').toUpperCase(), false],
    ['a truncated digest', 'ozb_right', digestToken('ozb_right').slice(0, 40), false],
    ['a digest without its algorithm', 'ozb_right', digestToken('ozb_right').slice('sha256:'.length), false],
  ])('matching against %s gives %s', (_case, token, digest, expected) => {
    expect(tokensMatch(token, digest)).toBe(expected);
  });

  it('compares with timingSafeEqual even when the digest is malformed', () => {
    const compare = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    tokensMatch('ozb_right', digestToken('ozb_right'));
    tokensMatch('ozb_right', 'sha256:short');
    expect(compare).toHaveBeenCalledTimes(2);
    compare.mockRestore();
  });
});
