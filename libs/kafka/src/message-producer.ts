import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Envelope } from '@bridge/contracts';

export interface OutgoingMessage {
  topic: string;
  key: string;
  message: Envelope<unknown>;
}

/** What services publish through; the in-memory double in `testing/` has the same shape. */
export interface MessagePublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
}

export function kafkaHeaders(message: Envelope<unknown>): Record<string, string> {
  return {
    'message-id': message.id,
    'message-type': message.type,
    'tenant-id': message.tenantId,
    'correlation-id': message.correlationId,
  };
}

/**
 * The idempotent producer: acks from all in-sync replicas and one request in flight, so a
 * retried send neither duplicates nor reorders messages within a partition.
 */
export class MessageProducer implements MessagePublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    this.producer.on('producer.connect', () => {
      this.connected = true;
    });
    this.producer.on('producer.disconnect', () => {
      this.connected = false;
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  isConnected(): boolean {
    return this.connected;
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const outgoing of messages) {
      const list = byTopic.get(outgoing.topic) ?? [];
      list.push(outgoing);
      byTopic.set(outgoing.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ key, message }) => ({
          key,
          value: JSON.stringify(message),
          headers: kafkaHeaders(message),
        })),
      })),
    });
  }
}
