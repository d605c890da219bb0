import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lets a leaked bridge token be recognised by secret scanners and by people. */
export const TOKEN_PREFIX = 'ozb_';

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

const DIGEST_BYTES = 32;

/** A new bearer token: `ozb_` and 32 random bytes in base64url. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(DIGEST_BYTES).toString('base64url')}`;
}

/** The registry form of a token: `sha256:<64 hex>`. */
export function digestToken(token: string): string {
  return `sha256:${tokenHash(token).toString('hex')}`;
}

/** Whether `token` hashes to `digest`, compared in constant time. A malformed digest matches nothing. */
export function tokensMatch(token: string, digest: string): boolean {
  const expected = digestBytes(digest);
  // A malformed digest is still compared (against zeros) so it costs the same time as a real one.
  const equal = timingSafeEqual(tokenHash(token), expected ?? Buffer.alloc(DIGEST_BYTES));
  return equal && expected !== undefined;
}

/** The raw SHA-256 of a token, for comparing with `digestBytes` via `timingSafeEqual`. */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The 32 bytes a `sha256:<hex>` digest stands for, or undefined when it is malformed. */
export function digestBytes(digest: string): Buffer | undefined {
  return DIGEST_PATTERN.test(digest) ? Buffer.from(digest.slice('sha256:'.length), 'hex') : undefined;
}
