import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { OutgoingMessage } from '@bridge/kafka';
import { OKTA_INGEST_MIGRATIONS } from '../migrations';
import { OutboxRepository, type PendingOutboxMessage } from './outbox.repository';

import { createMigratedDatabase, type MigratedDatabase } from '@bridge/testing';

jest.setTimeout(30_000);


function message(key: string): OutgoingMessage {
  return { topic: 'scim.user.changed.v1', key, message: { id: key } as unknown as OutgoingMessage['message'] };
}

describe('the okta-ingest outbox against the real PostgreSQL', () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let outbox: OutboxRepository;
  let late: Client;

  beforeAll(async () => {
    database = await createMigratedDatabase({ prefix: 'okta_ingest_outbox_it', schema: 'ingest', migrations: OKTA_INGEST_MIGRATIONS });
    dataSource = database.dataSource;
    outbox = new OutboxRepository(dataSource);
    late = new Client({ connectionString: database.url });
    await late.connect();
  });

  afterAll(async () => {
    await late?.end();
    await database?.drop();
  });

  async function drainAll(): Promise<string[]> {
    const keys: string[] = [];
    while ((await outbox.drain(100, async (batch) => void keys.push(...batch.map((row) => row.key)))) > 0) {
      // Until the outbox is empty.
    }
    return keys;
  }

  it('leaves room on user pages for updates to stay on their page', async () => {
    const [{ reloptions }] = await dataSource.query<{ reloptions: string[] }[]>(`SELECT reloptions FROM pg_class WHERE oid = '"ingest"."scim_user"'::regclass`);
    expect(reloptions).toEqual(['fillfactor=85']);
  });

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
