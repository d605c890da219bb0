import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface CheckpointKey {
  /** Names the key in each checkpoint so a rotation is visible; never the key itself. */
  id: string;
  secret: Buffer;
}

export interface CheckpointKeySource {
  NODE_ENV: string;
  AUDIT_CHECKPOINT_KEY?: string;
  AUDIT_CHECKPOINT_KEY_FILE?: string;
}

// Only for local runs: a known key proves nothing, which is why production refuses it.
const DEVELOPMENT_KEY = 'okta-zoom-bridge-development-checkpoint-key-not-secret';

/** The checkpoint HMAC key from a secret (value or file); a fixed development key outside production. */
export function loadCheckpointKey(source: CheckpointKeySource, warn: (message: string) => void): CheckpointKey {
  const fromFile = source.AUDIT_CHECKPOINT_KEY_FILE === undefined ? undefined : readFileSync(source.AUDIT_CHECKPOINT_KEY_FILE, 'utf8').trim();
  const secret = source.AUDIT_CHECKPOINT_KEY ?? fromFile;
  if (secret !== undefined) {
    if (secret.length < 32) {
      throw new Error('the audit checkpoint key must be at least 32 characters');
    }
    return checkpointKey(secret);
  }
  if (source.NODE_ENV === 'production') {
    throw new Error('AUDIT_CHECKPOINT_KEY or AUDIT_CHECKPOINT_KEY_FILE is required in production');
  }
  warn('AUDIT_CHECKPOINT_KEY is not set: checkpoints are signed with the public development key and prove nothing');
  return checkpointKey(DEVELOPMENT_KEY);
}

export function checkpointKey(secret: string): CheckpointKey {
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 12), secret: Buffer.from(secret, 'utf8') };
}
