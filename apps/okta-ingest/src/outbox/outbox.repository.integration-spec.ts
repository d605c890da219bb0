import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabaseAndSchema } from '@bridge/database';
import type { OutgoingMessage } from '@bridge/kafka';
import { CreateIngestStore1764400000000 } from '../migrations/1764400000000-create-ingest-store';
import { CreateGroupsAndFilterIndexes1764500000000 } from '../migrations/1764500000000-create-groups-and-filter-indexes';
import { OutboxRepository, type PendingOutboxMessage } from './outbox.repository';

jest.setTimeout(30_000);

const database = `okta_ingest_outbox_it_${randomBytes(5).toString('hex')}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;

function message(key: string): OutgoingMessage {
  return { topic: 'scim.user.changed.v1', key, message: { id: key } as unknown as OutgoingMessage['message'] };
}

describe('the okta-ingest outbox against the real PostgreSQL', () => {
  let dataSource: DataSource;
  let outbox: OutboxRepository;
  let late: Client;

  beforeAll(async () => {
    await ensureDatabaseAndSchema(databaseUrl, 'ingest');
    dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: [CreateIngestStore1764400000000, CreateGroupsAndFilterIndexes1764500000000],
      migrationsTableName: 'ingest_migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    outbox = new OutboxRepository(dataSource);
    late = new Client({ connectionString: databaseUrl });
    await late.connect();
  });

  afterAll(async () => {
    await late?.end();
    await dataSource?.destroy();
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  async function drainAll(): Promise<string[]> {
    const keys: string[] = [];
    while ((await outbox.drain(100, async (batch) => void keys.push(...batch.map((row) => row.key)))) > 0) {
      // Until the outbox is empty.
    }
    return keys;
  }

  it('publishes a change whose transaction took a lower seq but committed while a batch was out', async () => {
    // A request's transaction takes its seq, then is slow to commit…
    await late.query('BEGIN');
    await late.query(`INSERT INTO "ingest"."outbox_message" (topic, message_key, message) VALUES ('scim.user.changed.v1', 'late', '{"id":"late"}')`);
    // …while a later one commits first.
    await dataSource.transaction((manager) => outbox.append(manager, [message('early')]));

    const firstBatch: PendingOutboxMessage[] = [];
    await outbox.drain(100, async (batch) => {
      firstBatch.push(...batch);
      // The slow transaction commits while this batch is being published.
      await late.query('COMMIT');
    });

    expect(firstBatch.map((row) => row.key)).toEqual(['early']);
    expect(await drainAll()).toEqual(['late']);
    expect(await outbox.pendingCount()).toBe(0);
  });

  it('keeps the messages of a batch whose publish failed, in order, for the next drain', async () => {
    await dataSource.transaction((manager) => outbox.append(manager, [message('a'), message('b'), message('c')]));
    await expect(
      outbox.drain(100, () => Promise.reject(new Error('Kafka away'))),
    ).rejects.toThrow('Kafka away');
    expect(await drainAll()).toEqual(['a', 'b', 'c']);
  });
});
