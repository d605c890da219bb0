import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Topics, createMessage, type DeadLetter, type Envelope } from '@bridge/contracts';
import { createLogger } from '@bridge/observability';
import { BridgeKafkaServer } from './bridge-kafka.server';
import { BATCH_HANDLER_EXTRAS } from './consume-topic-batch.decorator';
import { PermanentFailure, TransientFailure } from './failure-classification';
import { MessageProducer } from './message-producer';
import { startGroupAtEnd } from './testing/group-at-end';
import { ensureTopics } from './topic-admin';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'kafka-batch-it', brokers, logLevel: logLevel.NOTHING });
const logger = createLogger('kafka-batch-it', { level: process.env['IT_LOG_LEVEL'] ?? 'silent' });
const topic = Topics.scimUserChanged;

function userChanged(tenantId: string, version: number): Envelope<unknown> {
  return createMessage(topic, { tenantId, correlationId: randomUUID() }, {
    change: 'patched',
    userId: 'u1',
    version,
    user: { schemas: [], id: 'u1', userName: 'u1@example.com', active: true },
  });
}

async function until<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const versionsOf = (messages: Envelope<unknown>[]): number[] => messages.map((message) => (message.data as { version: number }).version);

describe('BridgeKafkaServer batch mode against a real broker', () => {
  const producer = new MessageProducer(kafka);
  const servers: BridgeKafkaServer[] = [];
  let watcher: Consumer;
  const deadLetters: Envelope<DeadLetter>[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic }, { topic: Topics.deadLetter }]);
    await producer.connect();
    watcher = kafka.consumer({ groupId: `batch-dlq-watch-${randomUUID()}` });
    await watcher.connect();
    await watcher.subscribe({ topic: Topics.deadLetter, fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ message }) => {
        deadLetters.push(JSON.parse(message.value?.toString() ?? '{}') as Envelope<DeadLetter>);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await watcher.disconnect();
    await producer.disconnect();
  }, 60_000);

  const groupsSeen = new Set<string>();

  async function startServer(groupId: string, handler: (messages: Envelope<unknown>[]) => Promise<void>): Promise<BridgeKafkaServer> {
    if (!groupsSeen.has(groupId)) {
      groupsSeen.add(groupId);
      await startGroupAtEnd(kafka, groupId, topic);
    }
    const server = new BridgeKafkaServer({ kafka, groupId, logger, deadLetters: producer, backoff: { initialMs: 20, maxMs: 100, jitter: 0 }, maxUnexpectedAttempts: 3, maxBatchSize: 50 });
    server.addHandler(topic, (messages: Envelope<unknown>[]) => handler(messages), true, { ...BATCH_HANDLER_EXTRAS });
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      void server.listen((error?: unknown) => (error instanceof Error ? reject(error) : resolve()));
    });
    return server;
  }

  it('hands over batches in order, at most maxBatchSize at a time, and commits them', async () => {
    const tenant = `it-${randomUUID()}`;
    const groupId = `it-batch-${randomUUID()}`;
    const seen: number[] = [];
    let largest = 0;
    const handler = async (messages: Envelope<unknown>[]): Promise<void> => {
      const mine = messages.filter((message) => message.tenantId === tenant);
      largest = Math.max(largest, messages.length);
      seen.push(...versionsOf(mine));
    };
    const first = await startServer(groupId, handler);
    await producer.publish(Array.from({ length: 120 }, (_, index) => ({ topic, key: `${tenant}:u1`, message: userChanged(tenant, index + 1) })));
    await until(() => (seen.length === 120 ? true : undefined));
    expect(seen).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
    expect(largest).toBeLessThanOrEqual(50);
    await first.close();

    await startServer(groupId, handler);
    await producer.publish([{ topic, key: `${tenant}:u1`, message: userChanged(tenant, 121) }]);
    await until(() => (seen.length === 121 ? true : undefined));
    expect(seen[120]).toBe(121);
  }, 90_000);

  it('retries a batch in place on a transient failure without losing or reordering messages', async () => {
    const tenant = `it-${randomUUID()}`;
    const seen: number[] = [];
    let failuresLeft = 2;
    await startServer(`it-batch-transient-${randomUUID()}`, async (messages) => {
      const mine = messages.filter((message) => message.tenantId === tenant);
      if (mine.length > 0 && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new TransientFailure('postgres-down', 'connection refused');
      }
      seen.push(...versionsOf(mine));
    });
    await producer.publish([1, 2, 3].map((version) => ({ topic, key: `${tenant}:u1`, message: userChanged(tenant, version) })));
    await until(() => (seen.length === 3 ? true : undefined));
    expect(seen).toEqual([1, 2, 3]);
    expect(failuresLeft).toBe(0);
  }, 90_000);

  it('dead-letters only the poison of a batch that fails permanently, and malformed messages at once', async () => {
    const tenant = `it-${randomUUID()}`;
    const key = `${tenant}:u1`;
    const groupId = `it-batch-poison-${randomUUID()}`;
    const stored: number[] = [];
    await startServer(groupId, async (messages) => {
      const mine = messages.filter((message) => message.tenantId === tenant);
      if (versionsOf(mine).includes(2)) {
        throw new PermanentFailure('bad-record', 'version 2 cannot be stored');
      }
      stored.push(...versionsOf(mine));
    });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic, messages: [{ key, value: '{not json' }] });
    await raw.disconnect();
    await producer.publish([1, 2, 3].map((version) => ({ topic, key, message: userChanged(tenant, version) })));
    const letters = await until(() => {
      const mine = deadLetters.filter((letter) => letter.data.key === key && letter.data.consumerGroup === groupId);
      return mine.length === 2 && stored.length === 2 ? mine : undefined;
    });
    expect(stored.sort()).toEqual([1, 3]);
    expect(letters.map((letter) => letter.data.reason.code).sort()).toEqual(['bad-record', 'malformed-json']);
  }, 90_000);
});
