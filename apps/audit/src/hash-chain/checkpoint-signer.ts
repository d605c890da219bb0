import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckpointKey } from './checkpoint-key.config';

export type CheckpointKind = 'periodic' | 'retention';

/** A signed statement "the chain of this tenant reached `seq` with `hash`". */
export interface Checkpoint {
  tenantId: string;
  kind: CheckpointKind;
  seq: string;
  hash: string;
  createdAt: string;
  keyId: string;
  signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'keyId' | 'signature'>;

function signedText(checkpoint: UnsignedCheckpoint): string {
  return ['audit-checkpoint-v1', checkpoint.tenantId, checkpoint.kind, checkpoint.seq, checkpoint.hash, checkpoint.createdAt].join('\n');
}

export function signCheckpoint(checkpoint: UnsignedCheckpoint, key: CheckpointKey): Checkpoint {
  const signature = createHmac('sha256', key.secret).update(signedText(checkpoint)).digest('hex');
  return { ...checkpoint, keyId: key.id, signature };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, key: CheckpointKey): boolean {
  const expected = Buffer.from(signCheckpoint(checkpoint, key).signature, 'hex');
  const actual = Buffer.from(checkpoint.signature, 'hex');
  return checkpoint.keyId === key.id && actual.length === expected.length && timingSafeEqual(actual, expected);
}
