import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Envelope } from '@bridge/contracts';
import { ensureDatabaseAndSchema } from '@bridge/database';
import type { MessageProducer, OutgoingMessage } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { loadZoomWriterConfig } from '../app.config';
import { CreateZoomWriterStore1764400000000 } from '../migrations/1764400000000-create-zoom-writer-store';
import { CreateCommandQueue1764500000000 } from '../migrations/1764500000000-create-command-queue';
import { insertOutbox } from './outbox-message';
import { ResultOutboxRelay } from './result-outbox.relay';

jest.setTimeout(30_000);

const database = `zoom_writer_outbox_it_${randomBytes(5).toString('hex')}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;

function result(key: string): { topic: string; key: string; message: Envelope<unknown> } {
  return { topic: 'zoom.call.result.v1', key, message: { id: key } as unknown as Envelope<unknown> };
}

describe("zoom-writer's result outbox against the real PostgreSQL", () => {
  let dataSource: DataSource;
  let late: Client;
  const published: string[] = [];
  let duringPublish: (() => Promise<void>) | undefined;
  let relay: ResultOutboxRelay;

  beforeAll(async () => {
    await ensureDatabaseAndSchema(databaseUrl, 'zoom_writer');
    dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: [CreateZoomWriterStore1764400000000, CreateCommandQueue1764500000000],
      migrationsTableName: 'zoom_writer_migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const producer = {
      publish: async (messages: OutgoingMessage[]) => {
        published.push(...messages.map((message) => message.key));
        await duringPublish?.();
      },
    } as unknown as MessageProducer;
    const config = loadZoomWriterConfig({ DATABASE_URL: databaseUrl, TENANTS_FILE: '/dev/null' });
    relay = new ResultOutboxRelay(dataSource, producer, createLogger('zoom-writer', { level: 'silent' }), config);
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

  it('publishes a result whose transaction took a lower seq but committed while a batch was out', async () => {
    // One lane's transaction takes its seq and is slow to commit; another lane's commits first.
    await late.query('BEGIN');
    await late.query(`INSERT INTO "zoom_writer"."outbox" (topic, message_key, message) VALUES ('zoom.call.result.v1', 'late', '{"id":"late"}')`);
    await dataSource.transaction((manager) => insertOutbox(manager, [result('early')]));
    duringPublish = async () => {
      duringPublish = undefined;
      await late.query('COMMIT');
    };

    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(0);
    expect(published).toEqual(['early', 'late']);
  });
});
