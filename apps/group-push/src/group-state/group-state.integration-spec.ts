import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Topics, createMessage, type GroupChange, type TopicMessage } from '@bridge/contracts';
import { CreateGroupPushStore1764400000000 } from '../migrations/1764400000000-create-group-push-store';
import { GroupStateService } from './group-state.service';

import { createMigratedDatabase, type MigratedDatabase } from '@bridge/testing';

jest.setTimeout(30_000);

const tenantId = 'gp-tenant';

function groupChanged(groupId: string, version: number, members: string[], changes: GroupChange[] = ['members-added']): TopicMessage<typeof Topics.scimGroupChanged> {
  return createMessage(Topics.scimGroupChanged, { tenantId, correlationId: randomUUID() }, {
    changes,
    groupId,
    version,
    displayName: `Group ${groupId} v${version}`,
    added: members,
    removed: [],
    members,
  });
}

function zoomResult(scimId: string, zoomId: string | undefined, outcome: 'succeeded' | 'failed' = 'succeeded'): TopicMessage<typeof Topics.zoomCallResult> {
  return createMessage(Topics.zoomCallResult, { tenantId, correlationId: randomUUID() }, {
    commandId: randomUUID(),
    subject: { type: 'user', scimId },
    operation: 'create-user',
    outcome,
    ...(zoomId === undefined ? {} : { zoomId }),
    calls: [],
  });
}

describe("group-push's state against the real PostgreSQL", () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let state: GroupStateService;

  beforeAll(async () => {
    database = await createMigratedDatabase({ prefix: 'group_push_it', schema: 'group_push', migrations: [CreateGroupPushStore1764400000000] });
    dataSource = database.dataSource;
    state = new GroupStateService(dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function group(groupId: string): Promise<{ version: number; member_ids: string[]; deleted: boolean } | undefined> {
    const rows = await dataSource.query<{ version: number; member_ids: string[]; deleted: boolean }[]>(
      `SELECT version, member_ids, deleted FROM "group_push"."okta_group" WHERE tenant_id = $1 AND scim_group_id = $2`,
      [tenantId, groupId],
    );
    return rows[0];
  }

  it('keeps the newest version of each group in a batch, whatever the order in it', async () => {
    await state.recordGroupChanges([groupChanged('g1', 2, ['a', 'b']), groupChanged('g1', 3, ['a', 'b', 'c']), groupChanged('g2', 1, ['x']), groupChanged('g1', 1, ['a'])]);
    expect(await group('g1')).toEqual({ version: 3, member_ids: ['a', 'b', 'c'], deleted: false });
    expect(await group('g2')).toEqual({ version: 1, member_ids: ['x'], deleted: false });
  });

  it('never moves a group back to an older version, and ignores a redelivered message', async () => {
    const deleted = groupChanged('g3', 5, [], ['deleted']);
    await state.recordGroupChanges([deleted]);
    await state.recordGroupChanges([groupChanged('g3', 4, ['late'])]);
    expect(await group('g3')).toEqual({ version: 5, member_ids: [], deleted: true });

    // The same message again (a redelivery after a crash) after the row was changed by hand: untouched.
    await dataSource.query(`UPDATE "group_push"."okta_group" SET version = 1 WHERE scim_group_id = 'g3'`);
    await state.recordGroupChanges([deleted]);
    expect((await group('g3'))?.version).toBe(1);
  });

  it("learns each user's Zoom id from successful results only, the newest of a batch winning", async () => {
    await state.recordZoomResults([zoomResult('u1', 'z-old'), zoomResult('u2', undefined, 'failed'), zoomResult('u1', 'z-new'), zoomResult('u3', 'z3')]);
    const rows = await dataSource.query<{ scim_user_id: string; zoom_user_id: string }[]>(
      `SELECT scim_user_id, zoom_user_id FROM "group_push"."zoom_user_ref" WHERE tenant_id = $1 ORDER BY scim_user_id`,
      [tenantId],
    );
    expect(rows).toEqual([
      { scim_user_id: 'u1', zoom_user_id: 'z-new' },
      { scim_user_id: 'u3', zoom_user_id: 'z3' },
    ]);
  });
});
