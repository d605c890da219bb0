import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Kafka, Partitioners, logLevel, type Consumer, type Producer } from 'kafkajs';
import { Topics, createMessage, resourceKey, type TopicMessage } from '@bridge/contracts';
import { startDedicatedBroker, waitFor, type DedicatedBroker } from '@bridge/testing';
import { startWriterHarness, tokenOf, type WriterHarness } from '../testing/writer-harness';
import { present } from '../testing/user-commands';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const USERS = 300;
const BATCH = 20;
const tenantId = 'restart';
const account = 'restart-acct';

type CommandMessage = TopicMessage<typeof Topics.zoomUserCommand>;

jest.setTimeout(180_000);

/**
 * The Kafka broker stopped and started again in the middle of an import, on a broker of the
 * test's own: no command is lost, none reaches Zoom twice, and every result still gets out.
 */
describe('zoom-writer across a Kafka broker restart', () => {
  let broker: DedicatedBroker | undefined;
  let h: WriterHarness | undefined;
  let kafka: Kafka;
  let producer: Producer | undefined;
  let results: Consumer | undefined;
  let finished = false;

  beforeAll(async () => {
    broker = await startDedicatedBroker(root);
    // 40 creates a second: the import takes several seconds, so the restart lands in its middle.
    h = await startWriterHarness({ brokers: broker.brokers, tenants: [{ id: tenantId, account, lightPerSecond: 40 }], accounts: [{ id: account, staticToken: tokenOf(account) }] });
    kafka = new Kafka({ clientId: 'broker-restart-it', brokers: [broker.brokers], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    // Whatever happened, the broker goes: clients that hang on their way out get 45 s.
    let timer: NodeJS.Timeout | undefined;
    finished = true;
    try {
      await Promise.race([
        (async () => {
          await results?.disconnect();
          await producer?.disconnect();
          await h?.close();
        })(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 45_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await broker?.remove();
    }
  }, 120_000);

  it('creates every user exactly once and publishes every result', async () => {
    const harness = h as WriterHarness;
    const dedicated = broker as DedicatedBroker;
    const messages = Array.from({ length: USERS }, (_, i) => {
      const scimUserId = `r-${i}-${randomUUID().slice(0, 8)}`;
      return createMessage(Topics.zoomUserCommand, { tenantId, correlationId: randomUUID() }, present(scimUserId, `${scimUserId}@example.com`, 1));
    });

    // Plays mapping: publishes the import page by page and, like any at-least-once producer,
    // sends a page again (same message ids) until the broker takes it. The broker stops while
    // the first half is still arriving; the second half waits until the broker is down.
    let brokerDown = (): void => undefined;
    const down = new Promise<void>((resolve) => {
      brokerDown = resolve;
    });
    const importing = (async () => {
      await publishUntilTaken(messages.slice(0, USERS / 2));
      await down;
      await publishUntilTaken(messages.slice(USERS / 2));
    })();
    await waitFor('a third of the import to reach the writer', async () => ((await enqueued(harness)) >= USERS / 3 ? true : undefined), 60_000, 50);
    await dedicated.stop();
    brokerDown();

    // The writer's durable queue keeps Zoom work going while Kafka is away.
    const queuedWhileDown = await enqueued(harness);
    expect(queuedWhileDown).toBeLessThanOrEqual(USERS / 2);
    await waitFor('the queued commands to reach Zoom without Kafka', async () => ((await zoomUsers(harness)).length >= queuedWhileDown ? true : undefined), 60_000);

    await dedicated.start();
    await importing;
    await waitFor(`${USERS} users in Zoom`, async () => ((await zoomUsers(harness)).length >= USERS ? true : undefined), 90_000);
    await waitFor('the queue and the result outbox to drain', async () => {
      const { rows } = await harness.db.query<{ queued: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM zoom_writer.user_command) AS queued, (SELECT count(*)::int FROM zoom_writer.outbox) AS outbox`,
      );
      return rows[0].queued === 0 && rows[0].outbox === 0 ? true : undefined;
    }, 60_000);

    const expected = new Map(messages.map((message) => [message.data.userName, message.data.scimUserId]));
    const users = await zoomUsers(harness);
    expect(users).toHaveLength(USERS);
    expect(new Set(users.map((user) => user.userName))).toEqual(new Set(expected.keys()));
    // zoom-sim refuses a second create of an email with 409: none, and exactly one 201 per user.
    const creates = (await harness.simCalls(account)).filter((call) => call.method === 'POST' && call.path.endsWith('/Users'));
    expect(creates.filter((call) => call.status === 201)).toHaveLength(USERS);
    expect(creates.filter((call) => call.status === 409)).toEqual([]);

    const { rows: links } = await harness.db.query<{ scim_user_id: string; zoom_user_id: string }>(`SELECT scim_user_id, zoom_user_id FROM zoom_writer.user_link WHERE tenant_id = $1`, [tenantId]);
    expect(new Map(links.map((link) => [link.scim_user_id, link.zoom_user_id]))).toEqual(new Map(users.map((user) => [expected.get(user.userName), user.id])));
    const { rows: letters } = await harness.db.query(`SELECT 1 FROM zoom_writer.dead_letter`);
    expect(letters).toEqual([]);

    const succeeded = await readSucceededResults();
    expect(succeeded).toEqual(new Set(expected.values()));
  });

  async function publishUntilTaken(messages: CommandMessage[]): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (let start = 0; start < messages.length; start += BATCH) {
      const batch = messages.slice(start, start + BATCH).map((message) => ({ key: resourceKey(tenantId, message.data.scimUserId), value: JSON.stringify(message) }));
      for (;;) {
        try {
          await (producer as Producer).send({ topic: Topics.zoomUserCommand, acks: -1, messages: batch });
          break;
        } catch (error) {
          if (finished || Date.now() > deadline) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      // An import arrives page by page, not all at once.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Users whose create succeeded, from `zoom.call.result.v1` on the dedicated broker (only this test's). */
  async function readSucceededResults(): Promise<Set<string>> {
    const seen = new Set<string>();
    results = kafka.consumer({ groupId: `results-${randomUUID()}` });
    await results.connect();
    await results.subscribe({ topic: Topics.zoomCallResult, fromBeginning: true });
    await results.run({
      eachMessage: async ({ message }) => {
        const result = JSON.parse(message.value?.toString('utf8') ?? '{}') as TopicMessage<typeof Topics.zoomCallResult>;
        if (result.data.outcome === 'succeeded') {
          seen.add(result.data.subject.scimId);
        }
      },
    });
    return waitFor(`succeeded results for all ${USERS} users`, async () => (seen.size >= USERS ? seen : undefined), 60_000);
  }
});

async function enqueued(h: WriterHarness): Promise<number> {
  const { rows } = await h.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM zoom_writer.processed_message`);
  return rows[0].count;
}

async function zoomUsers(h: WriterHarness): Promise<{ id: string; userName: string }[]> {
  return (await h.simState(account)).users;
}
