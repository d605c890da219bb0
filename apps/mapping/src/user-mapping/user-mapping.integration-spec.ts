import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Topics, createMessage, type DeadLetter, type Envelope, type MappingUserRejected, type TopicMessage, type ZoomUserCommand } from '@bridge/contracts';
import { MessageProducer, connectKafkaConsumer, ensureTopics } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { waitFor } from '@bridge/testing';
import { digestToken, generateToken } from '@bridge/tenancy';
import { loadMappingConfig } from '../app.config';
import { AppModule } from '../app.module';

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const kafka = new Kafka({ clientId: 'mapping-it', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const ZOOM = 'urn:ietf:params:scim:schemas:extension:zoom:1.0:User';
const DEPARTMENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';
const tenantId = `it-mapping-${randomUUID().slice(0, 8)}`;
const ghostTenantId = `it-ghost-${randomUUID().slice(0, 8)}`;

function registry(table: string): string {
  return `tenants:
  - id: ${tenantId}
    name: Mapping IT
    okta:
      scimTokens:
        - { id: it, digest: ${digestToken(generateToken())} }
    zoom:
      auth: { type: bearer, token: { env: ZOOM_TOKEN } }
    mappings:
      - id: licence-by-department
        target: ${ZOOM}:zoomPhone
        transform: { lookup: { from: "${DEPARTMENT}", table: ${table} } }
`;
}

// The service's consumer reads from the beginning; a fresh test group starts at the end instead
// of working through every other test's messages on the shared topic.
async function skipBacklog(groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(Topics.scimUserChanged);
  await admin.setOffsets({ groupId, topic: Topics.scimUserChanged, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  await admin.disconnect();
}

describe('mapping over a real broker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapping-it-'));
  const file = join(dir, 'tenants.yaml');
  const producer = new MessageProducer(kafka);
  const seen: Envelope<unknown>[] = [];
  let watcher: Consumer;
  let app: INestApplication;

  beforeAll(async () => {
    writeFileSync(file, registry('{ Sales: true }'));
    await ensureTopics(kafka, [{ topic: Topics.scimUserChanged }, { topic: Topics.zoomUserCommand }, { topic: Topics.mappingUserRejected }, { topic: Topics.deadLetter }]);
    await producer.connect();
    watcher = kafka.consumer({ groupId: `mapping-it-watch-${randomUUID()}` });
    await watcher.connect();
    await watcher.subscribe({ topics: [Topics.zoomUserCommand, Topics.mappingUserRejected, Topics.deadLetter], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}') as Envelope<unknown>;
        if (envelope.tenantId === tenantId || envelope.tenantId === ghostTenantId) {
          seen.push(envelope);
        }
      },
    });
    const config = loadMappingConfig({ TENANTS_FILE: file, KAFKA_BROKERS: brokers, PORT: '0' });
    const logger = createLogger('mapping-it', { level: process.env['IT_LOG_LEVEL'] ?? 'silent' });
    const groupId = `mapping-it-${randomUUID()}`;
    await skipBacklog(groupId);
    app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: false });
    await app.init();
    connectKafkaConsumer(app, { groupId });
    await app.startAllMicroservices();
    // Let both consumers join their groups before anything is published.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await watcher?.disconnect();
    await producer.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function publishUser(userId: string, department: string): Promise<void> {
    await producer.publish([{ topic: Topics.scimUserChanged, key: `${tenantId}:${userId}`, message: userChanged(tenantId, userId, department) }]);
  }

  function userChanged(ofTenant: string, userId: string, department: string): TopicMessage<typeof Topics.scimUserChanged> {
    return createMessage(Topics.scimUserChanged, { tenantId: ofTenant, correlationId: randomUUID() }, {
      change: 'created',
      userId,
      version: 1,
      user: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: userId,
        userName: `${userId}@example.com`,
        active: true,
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department },
      },
    });
  }

  async function outputFor(userId: string): Promise<Envelope<unknown>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = seen.find((envelope) => (envelope.data as { scimUserId: string }).scimUserId === userId);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no output for ${userId}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('publishes the whole desired Zoom user with the tenant rule applied', async () => {
    await publishUser('u-sales', 'Sales');
    const output = (await outputFor('u-sales')) as Envelope<ZoomUserCommand>;
    expect(output.type).toBe('zoom.user.command');
    expect(output.data.desired).toEqual({
      state: 'present',
      active: true,
      user: expect.objectContaining({ userName: 'u-sales@example.com', displayName: 'Ada Lovelace', [ZOOM]: { zoomPhone: true } }),
    });
  }, 60_000);

  it('publishes a rejection naming the rule, attribute, value and reason', async () => {
    await publishUser('u-marketing', 'Marketing');
    const output = (await outputFor('u-marketing')) as Envelope<MappingUserRejected>;
    expect(output.type).toBe('mapping.user.rejected');
    expect(output.data).toMatchObject({
      outcome: 'rejected',
      rule: 'licence-by-department',
      attribute: `${ZOOM}:zoomPhone`,
      value: 'Marketing',
      reason: expect.stringContaining('Add "Marketing" to the rule\'s table'),
    });
  }, 60_000);

  it('maps a batch in order and dead-letters only the change of a tenant it does not know', async () => {
    // One key, so the three land in one partition and are delivered as one batch.
    const key = `${tenantId}:batch`;
    const ghost = userChanged(ghostTenantId, 'u-ghost', 'Sales');
    await producer.publish([
      { topic: Topics.scimUserChanged, key, message: userChanged(tenantId, 'u-batch-1', 'Sales') },
      { topic: Topics.scimUserChanged, key, message: ghost },
      { topic: Topics.scimUserChanged, key, message: userChanged(tenantId, 'u-batch-2', 'Sales') },
    ]);
    await outputFor('u-batch-2');
    const letter = await waitFor('the unknown tenant\'s change to be dead-lettered', async () =>
      seen.find((envelope) => envelope.type === 'ops.message.deadlettered' && (envelope.data as DeadLetter).originalMessageId === ghost.id),
    );
    expect((letter.data as DeadLetter).reason.code).toBe('unknown-tenant');
    const commands = seen.filter((envelope) => envelope.type === 'zoom.user.command').map((envelope) => (envelope.data as ZoomUserCommand).scimUserId);
    expect(commands.filter((id) => id.startsWith('u-batch') || id === 'u-ghost')).toEqual(['u-batch-1', 'u-batch-2']);
  }, 60_000);

  it('applies a changed rule after a reload, and keeps it when the next change is invalid', async () => {
    writeFileSync(file, registry('{ Sales: true, Marketing: false }'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await publishUser('u-marketing-2', 'Marketing');
    const after = (await outputFor('u-marketing-2')) as Envelope<ZoomUserCommand>;
    expect(after.data.desired).toMatchObject({ state: 'present', user: { [ZOOM]: { zoomPhone: false } } });

    writeFileSync(file, registry('{ Sales: true, Marketing: "sometimes" }'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await publishUser('u-marketing-3', 'Marketing');
    const kept = (await outputFor('u-marketing-3')) as Envelope<ZoomUserCommand>;
    expect(kept.data.desired).toMatchObject({ state: 'present', user: { [ZOOM]: { zoomPhone: false } } });
  }, 60_000);
});
