import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ALL_TOPICS, Topics, createMessage, type Envelope, type TopicName } from '@bridge/contracts';
import { BATCH_HANDLER_EXTRAS, BridgeKafkaServer, MessageProducer, ensureTopics, type BridgeKafkaContext } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { toAuditRecord } from '../audit-intake/audit-record.mapper';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { percentiles, type Percentiles } from './bench-stats';

function requestLogged(tenantId: string, index: number): Envelope<unknown> {
  return createMessage(Topics.ingestRequestLogged, { tenantId, correlationId: randomUUID() }, {
    method: 'POST', path: '/scim/v2/Users', status: index % 10 === 0 ? 409 : 201, latencyMs: 12, tokenId: 'okta-1', sourceAddress: '10.0.0.1',
    userAgent: 'Okta SCIM Client 1.0.0', resourceType: 'User', resourceId: `u-${index}`, scimType: null, detail: null,
  });
}

async function count(writer: DataSource, tenants: string[]): Promise<number> {
  const rows: { n: string }[] = await writer.query(`SELECT count(*)::text AS n FROM audit.audit_event WHERE tenant_id = ANY($1)`, [tenants]);
  return Number(rows[0].n);
}

/** Kafka → audit store through the real batch consumer: a backlog drained, then produce-to-queryable latency. */
export async function benchIntake(
  writer: DataSource,
  brokers: string[],
  total: number,
  log: (line: string) => void,
): Promise<{ recordsPerSecond: number; recordsPerSecondAfterJoin: number; latencyMs: Percentiles }> {
  const kafka = new Kafka({ clientId: 'audit-bench', brokers, logLevel: logLevel.NOTHING });
  const logger = createLogger('audit-bench', { level: 'silent' });
  const run = randomUUID().slice(0, 8);
  const tenants = Array.from({ length: 10 }, (_, index) => `kbench-${run}-${index}`);
  const groupId = `audit-bench-${run}`;
  await ensureTopics(kafka, ALL_TOPICS.map((topic) => ({ topic })));
  const admin = kafka.admin();
  await admin.connect();
  for (const topic of ALL_TOPICS) {
    // A new group would start from the beginning of every topic; only this run's messages count.
    await admin.setOffsets({ groupId, topic, partitions: (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })) });
  }
  await admin.disconnect();
  const producer = new MessageProducer(kafka);
  await producer.connect();
  for (let sent = 0; sent < total; sent += 1000) {
    await producer.publish(Array.from({ length: Math.min(1000, total - sent) }, (_, offset) => {
      const tenant = tenants[(sent + offset) % tenants.length];
      return { topic: Topics.ingestRequestLogged, key: `${tenant}:u-${sent + offset}`, message: requestLogged(tenant, sent + offset) };
    }));
  }
  log(`produced ${total} messages`);
  const store = new AuditWriterService(writer, new AuditPartitions(writer));
  const server = new BridgeKafkaServer({ kafka, groupId, logger, deadLetters: producer, partitionsConsumedConcurrently: 6, maxBatchSize: 1000 });
  let firstBatchAt: number | undefined;
  for (const topic of ALL_TOPICS) {
    server.addHandler(topic, async (messages: Envelope<unknown>[], context: BridgeKafkaContext) => {
      firstBatchAt ??= Date.now();
      await store.append(messages.map((message) => toAuditRecord(context.getTopic() as TopicName, message)));
    }, true, { ...BATCH_HANDLER_EXTRAS });
  }
  const began = Date.now();
  await new Promise<void>((resolve, reject) => {
    void server.listen((error?: unknown) => (error instanceof Error ? reject(error) : resolve()));
  });
  while ((await count(writer, tenants)) < total) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const drainedAt = Date.now();
  const recordsPerSecond = Math.round(total / ((drainedAt - began) / 1000));
  // Joining a new consumer group takes a few seconds the service pays once, not per record.
  const recordsPerSecondAfterJoin = Math.round(total / ((drainedAt - (firstBatchAt ?? began)) / 1000));
  log(`drained ${total} in ${((drainedAt - began) / 1000).toFixed(1)} s (includes joining the group), ${((drainedAt - (firstBatchAt ?? began)) / 1000).toFixed(1)} s from the first batch`);

  const latencies: number[] = [];
  const pending = new Map<string, number>();
  const latencyTenant = `kbench-${run}-latency`;
  let cursor = 0n;
  const poll = async (): Promise<void> => {
    const rows: { id: string; seq: string }[] = await writer.query(`SELECT id::text AS id, seq::text AS seq FROM audit.audit_event WHERE tenant_id = $1 AND seq > $2`, [latencyTenant, cursor.toString()]);
    const seenAt = Date.now();
    for (const row of rows) {
      const producedAt = pending.get(row.id);
      if (producedAt !== undefined) {
        latencies.push(seenAt - producedAt);
        pending.delete(row.id);
      }
      cursor = BigInt(row.seq) > cursor ? BigInt(row.seq) : cursor;
    }
  };
  for (let second = 0; second < 20; second += 1) {
    for (let burst = 0; burst < 10; burst += 1) {
      const messages = Array.from({ length: 25 }, (_, index) => requestLogged(latencyTenant, second * 1000 + burst * 25 + index));
      const producedAt = Date.now();
      await producer.publish(messages.map((message) => ({ topic: Topics.ingestRequestLogged, key: `${latencyTenant}:${message.id}`, message })));
      messages.forEach((message) => pending.set(message.id, producedAt));
      await poll();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  while (pending.size > 0) {
    await poll();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await server.close();
  await producer.disconnect();
  return { recordsPerSecond, recordsPerSecondAfterJoin, latencyMs: percentiles(latencies) };
}
