import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka } from 'kafkajs';
import {
  ALL_TOPICS,
  Topics,
  createMessage,
  newMessageId,
  parseMessage,
  type Envelope,
  type TopicName,
} from '@bridge/contracts';
import { runWithContext, type BridgeLogger } from '@bridge/observability';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import { deliverBatch } from './batch-delivery';
import { BridgeKafkaContext } from './bridge-kafka.context';
import { isBatchHandlerExtras } from './consume-topic-batch.decorator';
import { classifyFailure, type FailureClass } from './failure-classification';
import type { MessagePublisher } from './message-producer';
import { FetchLinger } from './fetch-linger';
import { OffsetCommitter } from './offset-committer';
import { ensureTopics, type TopicSpec } from './topic-admin';

export interface BridgeKafkaServerOptions {
  kafka: Kafka;
  groupId: string;
  logger: BridgeLogger;
  /** Where messages that cannot be handled go, with the reason. */
  deadLetters: MessagePublisher;
  /** Topics created before consuming (with their partition counts); handler topics are added. */
  topics?: readonly TopicSpec[];
  replicationFactor?: number;
  backoff?: BackoffPolicy;
  /** Retries of an unexpected error before its message is dead-lettered. */
  maxUnexpectedAttempts?: number;
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  /** `@ConsumeTopicBatch` handlers receive at most this many messages at once (default 500). */
  maxBatchSize?: number;
  /**
   * Batch consumers only: after a fetch that brought fewer than `fetchLingerBelow` messages (default 200), the next
   * fetch waits until `fetchLingerMs` (default 20) after it arrived, so a stream of changes is
   * consumed in batches rather than a few messages per round trip. 0 switches it off.
   */
  fetchLingerMs?: number;
  fetchLingerBelow?: number;
}

const MAX_DEAD_LETTER_VALUE = 256 * 1024;
const HEARTBEAT_EVERY_MS = 3_000;

class ConsumerStopping extends Error {}

/** Handled messages whose offsets are committed together at the latest, inside one fetched batch. */
const AUTO_COMMIT_THRESHOLD = 100;

/**
 * A Nest transport over kafkajs that owns delivery semantics: offsets are committed only after
 * a message was handled or dead-lettered, transient failures are retried in place (keeping
 * per-key order), and permanent ones move aside so no message blocks its partition.
 */
export class BridgeKafkaServer extends Server implements CustomTransportStrategy {
  private consumer: Consumer | undefined;
  private stopping = false;
  private joined = false;
  private crashed: string | undefined;
  private startFailure: string | undefined;
  private readonly wakeups = new Set<() => void>();
  private readonly linger: FetchLinger;
  /** Batch consumers commit what they handled once per fetch, in one request. */
  private readonly committer = new OffsetCommitter(
    async (offsets) => {
      await this.consumer?.commitOffsets(offsets);
    },
    (error, offsets) => this.options.logger.warn('offset commit failed; retried with the next fetch', { error: String(error), partitions: offsets.length }),
  );

  constructor(private readonly options: BridgeKafkaServerOptions) {
    super();
    this.linger = new FetchLinger(options.fetchLingerMs ?? 20, options.fetchLingerBelow ?? 200);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      this.startFailure = undefined;
      callback();
    } catch (error) {
      // A failed start leaves nothing connected, so the caller may simply call listen again.
      this.startFailure = error instanceof Error ? error.message : String(error);
      const consumer = this.consumer;
      this.consumer = undefined;
      await consumer?.disconnect().catch(() => undefined);
      callback(error);
    }
  }

  /** Closed for good (the app is shutting down): a pending start retry should give up. */
  isClosed(): boolean {
    return this.stopping;
  }

  private async start(): Promise<void> {
    const handled = [...this.getHandlers().keys()];
    const unknown = handled.filter((topic) => !(ALL_TOPICS as readonly string[]).includes(topic));
    if (unknown.length > 0) {
      throw new Error(`@EventPattern must name a topic from @bridge/contracts; unknown: ${unknown.join(', ')}`);
    }
    const specs = new Map<string, TopicSpec>();
    for (const spec of [...(this.options.topics ?? []), ...handled.map((topic) => ({ topic })), { topic: Topics.deadLetter }]) {
      specs.set(spec.topic, { ...specs.get(spec.topic), ...spec });
    }
    await ensureTopics(this.options.kafka, [...specs.values()], this.options.replicationFactor);

    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.committer.forget();
      this.joined = true;
      this.crashed = undefined;
    });
    consumer.on(consumer.events.FETCH, () => this.linger.fetched());
    // The next fetch starts once every batch of the last one was handled: one commit for all of them.
    consumer.on(consumer.events.FETCH_START, () => void this.committer.flush());
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.crashed = event.payload.error.message;
      this.options.logger.error('kafka consumer crashed', { groupId: this.options.groupId, error: event.payload.error.message });
    });
    await consumer.connect();
    if (handled.length > 0) {
      await consumer.subscribe({ topics: handled, fromBeginning: true });
    }
    if (this.usesBatchHandlers()) {
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      return;
    }
    // kafkajs resolves a message's offset only once handleMessage returned (handled or dead-lettered)
    // and commits the resolved offsets after each fetched batch (and every AUTO_COMMIT_THRESHOLD
    // messages within one): one commit request per batch instead of one per message. A crash
    // redelivers at most the handled-but-uncommitted tail, which every consumer dedupes by message id.
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: null,
      autoCommitThreshold: AUTO_COMMIT_THRESHOLD,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
  }

  private usesBatchHandlers(): boolean {
    const handlers = [...this.getHandlers().values()];
    const batch = handlers.filter((handler) => isBatchHandlerExtras(handler.extras));
    if (batch.length > 0 && batch.length < handlers.length) {
      throw new Error('a service consumes either with @ConsumeTopicBatch or with @ConsumeTopic handlers, not both');
    }
    return batch.length > 0;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    await deliverBatch(payload, {
      logger: this.options.logger,
      maxUnexpectedAttempts: this.options.maxUnexpectedAttempts ?? 8,
      maxBatchSize: this.options.maxBatchSize ?? 500,
      invoke: (topic, envelopes, context) => this.invokeHandler(topic, envelopes, context),
      deadLetter: (topic, partition, message, parsed, failure, attempts) =>
        this.deadLetter(topic, partition, message.offset, message.key?.toString() ?? null, message.value?.toString('utf8') ?? '', parsed, failure, attempts),
      retryDelay: (failure, attempt) => this.retryDelay(failure, attempt),
      sleepWithHeartbeat: (ms, heartbeat) => this.sleepWithHeartbeat(ms, heartbeat),
      commit: async (topic, partition, offset) => this.committer.handled(topic, partition, offset),
    });
    await this.holdNextFetch(this.linger.handled(payload.batch.messages.length));
  }

  /** Waits before returning to the fetch loop; a stop cuts it short (everything handled is committed). */
  private async holdNextFetch(ms: number): Promise<void> {
    if (ms <= 0 || this.stopping) {
      return;
    }
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeups.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakeups.add(wake);
    });
  }

  /** Throws unless the consumer is connected and a member of its group. */
  assertHealthy(): void {
    if (this.crashed !== undefined) {
      throw new Error(`consumer crashed: ${this.crashed}`);
    }
    if (this.consumer !== undefined && this.getHandlers().size > 0 && !this.joined) {
      throw new Error('consumer has not joined its group yet');
    }
    if (this.consumer === undefined) {
      throw new Error(this.startFailure === undefined ? 'consumer not started yet' : `consumer not started: ${this.startFailure}`);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakeups) {
      wake();
    }
    // What was handled since the last fetch started; a batch still running now is redelivered after a restart.
    await this.committer.drain();
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('BridgeKafkaServer does not expose events; use its health check');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const heartbeat = (): Promise<void> => payload.heartbeat();
    const raw = message.value?.toString('utf8') ?? '';
    let attempt = 0;
    let parsed: Envelope<unknown> | undefined;
    for (;;) {
      attempt += 1;
      try {
        parsed ??= parseMessage(topic as TopicName, JSON.parse(raw) as unknown);
        const envelope = parsed;
        const context = new BridgeKafkaContext([topic, partition, message.offset, attempt, heartbeat]);
        await runWithContext(
          { tenantId: envelope.tenantId, correlationId: envelope.correlationId, messageId: envelope.id },
          () => this.invokeHandler(topic, envelope, context),
        );
        break;
      } catch (error) {
        if (error instanceof ConsumerStopping) {
          throw error;
        }
        const failure = classifyFailure(error);
        const log = { topic, partition, offset: message.offset, attempt, code: failure.code, error: failure.message };
        if (failure.kind === 'permanent' || (failure.bounded && attempt >= (this.options.maxUnexpectedAttempts ?? 8))) {
          this.options.logger.error('message dead-lettered', { ...log, tenantId: parsed?.tenantId });
          await this.deadLetter(topic, partition, message.offset, message.key?.toString() ?? null, raw, parsed, failure, attempt);
          break;
        }
        const delay = this.retryDelay(failure, attempt);
        this.options.logger.warn('message handling failed; retrying', { ...log, retryInMs: delay, tenantId: parsed?.tenantId });
        await this.sleepWithHeartbeat(delay, heartbeat);
      }
    }
  }

  private async invokeHandler(topic: string, envelope: Envelope<unknown> | Envelope<unknown>[], context: BridgeKafkaContext): Promise<void> {
    const handler = this.getHandlerByPattern(topic);
    if (handler === null) {
      return;
    }
    const result: unknown = await handler(envelope, context);
    if (isObservable(result)) {
      await lastValueFrom(result, { defaultValue: undefined });
    }
  }

  private retryDelay(failure: FailureClass, attempt: number): number {
    const backoff = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    if (failure.kind === 'transient' && !failure.bounded && failure.retryAt !== undefined) {
      return Math.max(backoff, failure.retryAt.getTime() - Date.now());
    }
    return backoff;
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    key: string | null,
    raw: string,
    parsed: Envelope<unknown> | undefined,
    failure: FailureClass,
    attempts: number,
  ): Promise<void> {
    const code = failure.kind === 'transient' ? `retries-exhausted:${failure.code}` : failure.code;
    const tenantId = parsed?.tenantId ?? tenantFromKey(key) ?? 'unknown';
    const letter = createMessage(
      Topics.deadLetter,
      { tenantId, correlationId: parsed?.correlationId ?? newMessageId(), causationId: parsed?.id ?? null },
      {
        originalTopic: topic,
        partition,
        offset,
        key,
        originalMessageId: parsed?.id ?? null,
        consumerGroup: this.options.groupId,
        reason: { code, message: failure.message },
        attempts,
        originalValue: raw.length > MAX_DEAD_LETTER_VALUE ? raw.slice(0, MAX_DEAD_LETTER_VALUE) : raw,
      },
    );
    // Publishing the dead letter is itself retried until it succeeds: committing without it would lose the message.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.deadLetters.publish([{ topic: Topics.deadLetter, key: key ?? tenantId, message: letter }]);
        return;
      } catch (error) {
        if (this.stopping) {
          throw new ConsumerStopping('stopping');
        }
        this.options.logger.error('dead letter could not be published; retrying', { error: String(error), attempt });
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt)));
      }
    }
  }

  private async sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (this.stopping) {
        throw new ConsumerStopping('consumer is stopping; the message will be redelivered');
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.wakeups.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(HEARTBEAT_EVERY_MS, until - Date.now()));
        this.wakeups.add(wake);
      });
      await heartbeat();
    }
    if (this.stopping) {
      throw new ConsumerStopping('consumer is stopping; the message will be redelivered');
    }
  }
}

function tenantFromKey(key: string | null): string | undefined {
  const tenant = key?.split(':')[0];
  return tenant === undefined || tenant === '' ? undefined : tenant;
}
