import { z } from 'zod';
import { envelopeSchema, newMessageId, type Envelope, type EnvelopeOrigin } from './envelope';
import { Contracts, type MessageData } from './messages';
import type { TopicName } from './topics';

export type TopicMessage<T extends TopicName> = Envelope<MessageData<T>>;

/** A message that does not match its topic's contract: never retried, always dead-lettered. */
export class ContractViolation extends Error {
  constructor(
    readonly topic: string,
    readonly issues: string,
  ) {
    super(`message on ${topic} breaks its contract: ${issues}`);
    this.name = 'ContractViolation';
  }
}

export function createMessage<T extends TopicName>(topic: T, origin: EnvelopeOrigin, data: MessageData<T>): TopicMessage<T> {
  const contract = Contracts[topic];
  return {
    id: origin.id ?? newMessageId(),
    type: contract.type,
    tenantId: origin.tenantId,
    occurredAt: (origin.occurredAt ?? new Date()).toISOString(),
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    schemaVersion: contract.schemaVersion,
    data,
  };
}

/** Validates an incoming message (already JSON-parsed) against its topic's contract. */
export function parseMessage<T extends TopicName>(topic: T, raw: unknown): TopicMessage<T> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new ContractViolation(topic, z.prettifyError(envelope.error));
  }
  const contract = Contracts[topic];
  if (envelope.data.type !== contract.type || envelope.data.schemaVersion !== contract.schemaVersion) {
    throw new ContractViolation(
      topic,
      `expected ${contract.type} v${contract.schemaVersion}, got ${envelope.data.type} v${envelope.data.schemaVersion}`,
    );
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) {
    throw new ContractViolation(topic, z.prettifyError(data.error));
  }
  return { ...envelope.data, data: data.data as MessageData<T> };
}

/** The Kafka key that keeps per-resource order: `tenantId:resourceId`. */
export function resourceKey(tenantId: string, resourceId: string): string {
  return `${tenantId}:${resourceId}`;
}
