import { randomUUID } from 'node:crypto';
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
