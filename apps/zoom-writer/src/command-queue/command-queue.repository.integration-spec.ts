import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Topics, createMessage, type ZoomUserCommand } from '@bridge/contracts';
import { ZOOM_WRITER_MIGRATIONS } from '../migrations';
import { CommandQueueRepository } from './command-queue.repository';
import type { UserCommandMessage } from './queued-command';
import { present } from '../testing/user-commands';

import { createMigratedDatabase, type MigratedDatabase } from '@bridge/testing';

jest.setTimeout(30_000);


/** Okta deactivated the user: the newest command wants it present but inactive. */
function deactivate(scimUserId: string, userName: string, version: number): ZoomUserCommand {
  return { ...present(scimUserId, userName, version, {}, false), sourceChange: 'deactivated' };
}

function message(tenantId: string, command: ZoomUserCommand): UserCommandMessage {
  return createMessage(Topics.zoomUserCommand, { tenantId, correlationId: randomUUID() }, command);
}

describe("zoom-writer's durable queue intake against the real PostgreSQL", () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let queue: CommandQueueRepository;

  beforeAll(async () => {
    database = await createMigratedDatabase({ prefix: 'zoom_writer_queue_it', schema: 'zoom_writer', migrations: ZOOM_WRITER_MIGRATIONS });
    dataSource = database.dataSource;
    queue = new CommandQueueRepository(dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('leaves room on command pages so that a claim stays on its page', async () => {
    const [{ reloptions }] = await dataSource.query<{ reloptions: string[] }[]>(`SELECT reloptions FROM pg_class WHERE oid = '"zoom_writer"."user_command"'::regclass`);
    expect(reloptions).toEqual(['fillfactor=80']);
  });

  it('stores a batch in its order, once per message, and a redelivered batch adds nothing', async () => {
    const commands = [
      message('t1', present('u-1', 'u1@example.com', 1)),
      message('t1', present('u-2', 'u2@example.com', 1)),
      message('t1', deactivate('u-1', 'u1@example.com', 2)),
    ];
    const batch = commands.map((command, index) => ({ message: command, partition: 2, offset: String(40 + index) }));
    // The same message twice in one batch (a producer retry) counts once.
    expect(await queue.enqueueBatch([...batch, batch[1]])).toBe(3);
    expect(await queue.enqueueBatch(batch)).toBe(0);

    const rows = await dataSource.query<{ message_id: string; source_offset: string; source_partition: number }[]>(
      `SELECT message_id, source_offset, source_partition FROM "zoom_writer"."user_command" WHERE tenant_id = 't1' ORDER BY seq`,
    );
    expect(rows.map((row) => [row.message_id, row.source_partition, row.source_offset])).toEqual(commands.map((command, index) => [command.id, 2, String(40 + index)]));
  });

  it('puts the revocation first among what is ready, whatever arrived before it', async () => {
    const creates = Array.from({ length: 5 }, (_, index) => message('t2', present(`c-${index}`, `c${index}@example.com`, 1)));
    const revocation = message('t2', deactivate('r-1', 'r1@example.com', 3));
    await queue.enqueueBatch([...creates, revocation].map((command, index) => ({ message: command, partition: 0, offset: String(index) })));
    const ready = await queue.nextReady('t2', [], 10);
    expect(ready.map((command) => command.scimUserId)).toEqual(['r-1', 'c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
  });

  it('claims with the link and the superseded commands, and finishes all of them and the results in one statement', async () => {
    const older = [1, 2].map((version) => message('t3', present('s-1', 's1@example.com', version)));
    const newest = message('t3', present('s-1', 's1@example.com', 3, { title: 'v3' }));
    const bystander = message('t3', present('s-2', 's2@example.com', 1));
    await queue.enqueueBatch([...older, newest, bystander].map((command, index) => ({ message: command, partition: 1, offset: String(index) })));
    const [ready] = (await queue.nextReady('t3', [], 10)).filter((command) => command.scimUserId === 's-1');
    expect(ready.message.id).toBe(newest.id);

    const claimed = await queue.claim(ready);
    expect(claimed).toMatchObject({ attempts: 1, mayHaveReachedZoom: false, link: undefined });
    expect(claimed?.superseded?.map((entry) => entry.message.id)).toEqual(older.map((command) => command.id));

    // A replay of an old version arriving after the claim is not swept away: it runs later and is skipped.
    const replayed = message('t3', present('s-1', 's1@example.com', 1));
    await queue.enqueueBatch([{ message: replayed, partition: 1, offset: '9' }]);

    const results = (superseded: UserCommandMessage[]): { topic: string; key: string; message: UserCommandMessage }[] =>
      [newest, ...superseded].map((command) => ({ topic: Topics.zoomCallResult, key: `t3:${command.data.scimUserId}`, message: command }));
    await queue.finish(claimed!, { zoomUserId: 'zoom-s1', active: true, appliedAttributes: { title: 'v3' } }, results);

    const left = await dataSource.query<{ message_id: string }[]>(`SELECT message_id FROM "zoom_writer"."user_command" WHERE tenant_id = 't3' ORDER BY seq`);
    expect(left.map((row) => row.message_id)).toEqual([bystander.id, replayed.id]);
    const outbox = await dataSource.query<{ message: { id: string } }[]>(`SELECT message FROM "zoom_writer"."outbox" WHERE message_key = 't3:s-1' ORDER BY seq`);
    expect(outbox.map((row) => row.message.id)).toEqual([newest.id, ...older.map((command) => command.id)]);
    const links = await dataSource.query(`SELECT zoom_user_id, applied_version, applied_attributes FROM "zoom_writer"."user_link" WHERE tenant_id = 't3'`);
    expect(links).toEqual([{ zoom_user_id: 'zoom-s1', applied_version: 3, applied_attributes: { title: 'v3' } }]);

    const [again] = (await queue.nextReady('t3', ['s-2'], 10));
    expect(again.message.id).toBe(replayed.id);
    const reclaimed = await queue.claim(again);
    expect(reclaimed?.link).toEqual({ zoomUserId: 'zoom-s1', active: true, appliedAttributes: { title: 'v3' }, appliedVersion: 3 });
    expect(reclaimed?.superseded).toEqual([]);
    await queue.finish(reclaimed!, undefined, () => []);
    const remaining = await dataSource.query<{ message_id: string }[]>(`SELECT message_id FROM "zoom_writer"."user_command" WHERE tenant_id = 't3'`);
    expect(remaining.map((row) => row.message_id)).toEqual([bystander.id]);
  });

  it('offers only the newest command per user, none of a busy or deferred user, in queue order up to the limit', async () => {
    const commands = [
      message('t4', present('a', 'a@example.com', 1)),
      message('t4', present('b', 'b@example.com', 1)),
      message('t4', present('a', 'a@example.com', 2)),
      message('t4', present('c', 'c@example.com', 1)),
      message('t4', present('d', 'd@example.com', 1)),
      message('t4', present('c', 'c@example.com', 2)),
      message('t4', deactivate('e', 'e@example.com', 4)),
    ];
    await queue.enqueueBatch(commands.map((command, index) => ({ message: command, partition: 3, offset: String(index) })));
    // c's newest command waits for a retry: c is not ready, and its older command is not offered instead.
    const dueAt = new Date(Date.now() + 60_000);
    await dataSource.query(`UPDATE "zoom_writer"."user_command" SET not_before = $2 WHERE message_id = $1`, [commands[5].id, dueAt]);

    const ready = await queue.nextReady('t4', ['d'], 10);
    expect(ready.map((command) => [command.scimUserId, command.sourceVersion])).toEqual([['e', 4], ['b', 1], ['a', 2]]);
    expect((await queue.nextReady('t4', [], 2)).map((command) => command.scimUserId)).toEqual(['e', 'b']);
    expect(await queue.nextDueAt('t4')).toBe(dueAt.getTime());
    expect(await queue.nextDueAt('t-none')).toBeUndefined();
  });
});
