import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Envelope } from '@bridge/contracts';
import type { MessageProducer, OutgoingMessage } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { loadZoomWriterConfig } from '../app.config';
import { ZOOM_WRITER_MIGRATIONS } from '../migrations';
import { insertOutbox } from './outbox-message';
import { ResultOutboxRelay } from './result-outbox.relay';

import { createMigratedDatabase, type MigratedDatabase } from '@bridge/testing';

jest.setTimeout(30_000);


function result(key: string): { topic: string; key: string; message: Envelope<unknown> } {
  return { topic: 'zoom.call.result.v1', key, message: { id: key } as unknown as Envelope<unknown> };
}

describe("zoom-writer's result outbox against the real PostgreSQL", () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let late: Client;
  const published: string[] = [];
  let duringPublish: (() => Promise<void>) | undefined;
  let relay: ResultOutboxRelay;

  beforeAll(async () => {
    database = await createMigratedDatabase({ prefix: 'zoom_writer_outbox_it', schema: 'zoom_writer', migrations: ZOOM_WRITER_MIGRATIONS });
    dataSource = database.dataSource;
    const producer = {
      publish: async (messages: OutgoingMessage[]) => {
        published.push(...messages.map((message) => message.key));
        await duringPublish?.();
      },
    } as unknown as MessageProducer;
    const config = loadZoomWriterConfig({ DATABASE_URL: database.url, TENANTS_FILE: '/dev/null' });
    relay = new ResultOutboxRelay(dataSource, producer, createLogger('zoom-writer', { level: 'silent' }), config);
    late = new Client({ connectionString: database.url });
    await late.connect();
  });

  afterAll(async () => {
    await late?.end();
    await database?.drop();
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
