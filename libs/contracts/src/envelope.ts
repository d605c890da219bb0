import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Every message on every topic travels in this envelope. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  tenantId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  schemaVersion: z.number().int().positive(),
  data: z.unknown(),
});

export interface Envelope<TData> {
  id: string;
  type: string;
  tenantId: string;
  occurredAt: string;
  /** Ties an Okta request to everything it caused. */
  correlationId: string;
  /** The id of the message this one answers; null for messages born from an outside request. */
  causationId: string | null;
  schemaVersion: number;
  data: TData;
}

export interface EnvelopeOrigin {
  tenantId: string;
  correlationId: string;
  causationId?: string | null;
  occurredAt?: Date;
  id?: string;
}

export function newMessageId(): string {
  return randomUUID();
}

/** The origin of a message caused by `cause`: same tenant and correlation, caused by it. */
export function causedBy(cause: Envelope<unknown>): EnvelopeOrigin {
  return { tenantId: cause.tenantId, correlationId: cause.correlationId, causationId: cause.id };
}

/**
 * A message id derived from the message that caused it, so that handling a redelivered
 * message again produces the same ids and downstream deduplication holds (UUID v5 layout).
 */
export function derivedMessageId(causeId: string, purpose: string): string {
  const hash = createHash('sha1').update(`${causeId}\u0000${purpose}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
