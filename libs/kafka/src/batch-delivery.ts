import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { parseMessage, type Envelope, type TopicName } from '@bridge/contracts';
import type { BridgeLogger } from '@bridge/observability';
import { BridgeKafkaContext } from './bridge-kafka.context';
import { classifyFailure, type FailureClass } from './failure-classification';

/** What batch delivery needs from the server that owns the consumer. */
export interface BatchDeliveryTools {
  logger: BridgeLogger;
  maxUnexpectedAttempts: number;
  maxBatchSize: number;
  invoke(topic: string, envelopes: Envelope<unknown>[], context: BridgeKafkaContext): Promise<void>;
  deadLetter(topic: string, partition: number, message: KafkaMessage, parsed: Envelope<unknown> | undefined, failure: FailureClass, attempts: number): Promise<void>;
  retryDelay(failure: FailureClass, attempt: number): number;
  sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void>;
  /** The chunk is done (handled or dead-lettered): its offset may be committed. */
  commit(topic: string, partition: number, nextOffset: string): Promise<void>;
}

interface Parsed {
  message: KafkaMessage;
  envelope: Envelope<unknown>;
}

/**
 * Delivers one kafkajs partition batch in chunks with the single-message semantics: a chunk's
 * offset is handed on for commit only after its handler resolved or its messages were dead-lettered; transient
 * failures are retried in place; a chunk that fails permanently is retried message by message,
 * so only the poison is dead-lettered.
 */
export async function deliverBatch(payload: EachBatchPayload, tools: BatchDeliveryTools): Promise<void> {
  const { batch } = payload;
  const beat = (): Promise<void> => payload.heartbeat();
  for (let start = 0; start < batch.messages.length; start += tools.maxBatchSize) {
    if (!payload.isRunning() || payload.isStale()) {
      return;
    }
    const chunk = batch.messages.slice(start, start + tools.maxBatchSize);
    const valid: Parsed[] = [];
    for (const message of chunk) {
      const parsed = parseOne(batch.topic, message);
      if (parsed.ok) {
        valid.push({ message, envelope: parsed.envelope });
      } else {
        await tools.deadLetter(batch.topic, batch.partition, message, undefined, parsed.failure, 1);
      }
    }
    if (valid.length > 0) {
      await deliverChunk(batch.topic, batch.partition, valid, beat, tools);
    }
    const last = chunk[chunk.length - 1].offset;
    payload.resolveOffset(last);
    await tools.commit(batch.topic, batch.partition, (BigInt(last) + 1n).toString());
    await beat();
  }
}

function parseOne(topic: string, message: KafkaMessage): { ok: true; envelope: Envelope<unknown> } | { ok: false; failure: FailureClass } {
  try {
    const raw = message.value?.toString('utf8') ?? '';
    return { ok: true, envelope: parseMessage(topic as TopicName, JSON.parse(raw) as unknown) };
  } catch (error) {
    return { ok: false, failure: classifyFailure(error) };
  }
}

async function deliverChunk(topic: string, partition: number, items: Parsed[], heartbeat: () => Promise<void>, tools: BatchDeliveryTools): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const offsets = items.map((item) => item.message.offset);
      const context = new BridgeKafkaContext([topic, partition, offsets[0], attempt, heartbeat, offsets]);
      await tools.invoke(topic, items.map((item) => item.envelope), context);
      return;
    } catch (error) {
      const failure = classifyFailure(error);
      const log = { topic, partition, offset: items[0].message.offset, size: items.length, attempt, code: failure.code, error: failure.message };
      const givingUp = failure.kind === 'permanent' || (failure.bounded && attempt >= tools.maxUnexpectedAttempts);
      if (givingUp && items.length > 1) {
        tools.logger.warn('batch failed; retrying its messages one by one', log);
        for (const item of items) {
          await deliverChunk(topic, partition, [item], heartbeat, tools);
        }
        return;
      }
      if (givingUp) {
        tools.logger.error('message dead-lettered', { ...log, tenantId: items[0].envelope.tenantId });
        await tools.deadLetter(topic, partition, items[0].message, items[0].envelope, failure, attempt);
        return;
      }
      const delay = tools.retryDelay(failure, attempt);
      tools.logger.warn('batch handling failed; retrying', { ...log, retryInMs: delay });
      await tools.sleepWithHeartbeat(delay, heartbeat);
    }
  }
}
