import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Topics, createMessage, type DeadLetter, type Envelope } from '@bridge/contracts';
import { createLogger } from '@bridge/observability';
import { BridgeKafkaServer } from './bridge-kafka.server';
import { PermanentFailure, TransientFailure } from './failure-classification';
import { MessageProducer } from './message-producer';
import { startGroupAtEnd } from './testing/group-at-end';
import { ensureTopics } from './topic-admin';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'kafka-lib-it', brokers, logLevel: logLevel.NOTHING });
const logger = createLogger('kafka-it', { level: process.env['IT_LOG_LEVEL'] ?? 'silent' });
const topic = Topics.scimUserChanged;

function userChanged(tenantId: string, userId: string, version: number): Envelope<unknown> {
  return createMessage(topic, { tenantId, correlationId: randomUUID() }, {
    change: 'patched',
    userId,
    version,
    user: { schemas: [], id: userId, userName: `${userId}@example.com`, active: true },
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

describe('BridgeKafkaServer against a real broker', () => {
  const producer = new MessageProducer(kafka);
  const servers: BridgeKafkaServer[] = [];
  let deadLetterWatcher: Consumer;
  const deadLetters: Envelope<DeadLetter>[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic }, { topic: Topics.deadLetter }]);
    await producer.connect();
    deadLetterWatcher = kafka.consumer({ groupId: `dlq-watch-${randomUUID()}` });
    await deadLetterWatcher.connect();
    await deadLetterWatcher.subscribe({ topic: Topics.deadLetter, fromBeginning: false });
    await deadLetterWatcher.run({
      eachMessage: async ({ message }) => {
        deadLetters.push(JSON.parse(message.value?.toString() ?? '{}') as Envelope<DeadLetter>);
      },
    });
    // Let the watcher join before anything is dead-lettered.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await deadLetterWatcher.disconnect();
    await producer.disconnect();
  }, 60_000);

  const groupsSeen = new Set<string>();

  async function startServer(groupId: string, handler: (message: Envelope<unknown>) => Promise<void>): Promise<BridgeKafkaServer> {
    if (!groupsSeen.has(groupId)) {
      groupsSeen.add(groupId);
      await startGroupAtEnd(kafka, groupId, topic);
    }
    const server = new BridgeKafkaServer({
      kafka,
      groupId,
      logger,
      deadLetters: producer,
      backoff: { initialMs: 20, maxMs: 100, jitter: 0 },
      maxUnexpectedAttempts: 3,
    });
    server.addHandler(topic, (message: Envelope<unknown>) => handler(message), true);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      void server.listen((error?: unknown) => (error instanceof Error ? reject(error) : resolve()));
    });
    return server;
  }

  async function publishRaw(key: string, value: string): Promise<void> {
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic, messages: [{ key, value }] });
    await raw.disconnect();
  }

  it('handles messages once, in order per key, and does not see them again after a restart', async () => {
    const tenant = `it-${randomUUID()}`;
    const groupId = `it-order-${randomUUID()}`;
    const seen: number[] = [];
    const handler = async (message: Envelope<unknown>): Promise<void> => {
      if (message.tenantId === tenant) {
        seen.push((message.data as { version: number }).version);
      }
    };
    const first = await startServer(groupId, handler);
    await producer.publish([1, 2, 3, 4, 5].map((version) => ({ topic, key: `${tenant}:u1`, message: userChanged(tenant, 'u1', version) })));
    await until(() => (seen.length === 5 ? true : undefined));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    await first.close();

    await startServer(groupId, handler);
    await producer.publish([{ topic, key: `${tenant}:u1`, message: userChanged(tenant, 'u1', 6) }]);
    await until(() => (seen.length === 6 ? true : undefined));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  }, 90_000);

  it('dead-letters malformed JSON, a contract violation and a permanent failure, and goes on with the partition', async () => {
    const tenant = `it-${randomUUID()}`;
    const seen: number[] = [];
    const groupId = `it-poison-${randomUUID()}`;
    await startServer(groupId, async (message) => {
      if (message.tenantId !== tenant) {
        return;
      }
      const version = (message.data as { version: number }).version;
      if (version === 2) {
        throw new PermanentFailure('pending-or-foreign-account', 'Zoom says the account is pending');
      }
      seen.push(version);
    });
    const key = `${tenant}:u1`;
    await publishRaw(key, '{not json');
    await publishRaw(key, JSON.stringify({ ...userChanged(tenant, 'u1', 1), type: 'something.else' }));
    await producer.publish([1, 2, 3].map((version) => ({ topic, key, message: userChanged(tenant, 'u1', version) })));
    await until(() => (seen.length === 2 ? true : undefined));
    expect(seen).toEqual([1, 3]);

    const mine = await until(() => {
      // Every group reads the topic, so each dead-letters the poison: count this group's letters.
      const letters = deadLetters.filter((letter) => letter.data.key === key && letter.data.consumerGroup === groupId);
      return letters.length === 3 ? letters : undefined;
    });
    expect(mine.map((letter) => letter.data.reason.code)).toEqual(['malformed-json', 'contract-violation', 'pending-or-foreign-account']);
    expect(mine[0].data.originalValue).toBe('{not json');
    expect(mine[0].tenantId).toBe(tenant);
    expect(mine[2].causationId).not.toBeNull();
  }, 90_000);

  it('retries a transient failure until it passes, without skipping or reordering', async () => {
    const tenant = `it-${randomUUID()}`;
    const seen: number[] = [];
    let failuresLeft = 3;
    await startServer(`it-transient-${randomUUID()}`, async (message) => {
      if (message.tenantId !== tenant) {
        return;
      }
      const version = (message.data as { version: number }).version;
      if (version === 1 && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new TransientFailure('zoom-unavailable', 'Zoom answered 503');
      }
      seen.push(version);
    });
    await producer.publish([1, 2].map((version) => ({ topic, key: `${tenant}:u1`, message: userChanged(tenant, 'u1', version) })));
    await until(() => (seen.length === 2 ? true : undefined));
    expect(seen).toEqual([1, 2]);
    expect(failuresLeft).toBe(0);
  }, 90_000);

  it('dead-letters an unexpected error after a bounded number of attempts', async () => {
    const tenant = `it-${randomUUID()}`;
    let attempts = 0;
    const seen: number[] = [];
    const groupId = `it-bounded-${randomUUID()}`;
    await startServer(groupId, async (message) => {
      if (message.tenantId !== tenant) {
        return;
      }
      const version = (message.data as { version: number }).version;
      if (version === 1) {
        attempts += 1;
        throw new Error('a bug');
      }
      seen.push(version);
    });
    const key = `${tenant}:u1`;
    await producer.publish([1, 2].map((version) => ({ topic, key, message: userChanged(tenant, 'u1', version) })));
    await until(() => (seen.length === 1 ? true : undefined));
    expect(attempts).toBe(3);
    const letter = await until(() => deadLetters.find((candidate) => candidate.data.key === key && candidate.data.consumerGroup === groupId));
    expect(letter.data.reason.code).toBe('retries-exhausted:unexpected-error');
    expect(letter.data.attempts).toBe(3);
  }, 90_000);
});
