import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { claimMessage } from '@bridge/database';
import { OktaGroupEntity } from './okta-group.entity';
import { ZoomUserRefEntity } from './zoom-user-ref.entity';

/**
 * Keeps what push rules will need: each Okta group's latest members, and each user's Zoom id.
 * Every message is applied once (deduplicated in the same transaction) and stale versions are ignored.
 */
@Injectable()
export class GroupStateService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordGroupChange(message: TopicMessage<typeof Topics.scimGroupChanged>): Promise<void> {
    const { groupId, displayName, members, version, changes } = message.data;
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, 'group_push', message.id, Topics.scimGroupChanged))) {
        return;
      }
      const current = await manager.findOneBy(OktaGroupEntity, { tenantId: message.tenantId, scimGroupId: groupId });
      if (current !== null && current.version >= version) {
        return;
      }
      await manager.upsert(
        OktaGroupEntity,
        { tenantId: message.tenantId, scimGroupId: groupId, displayName, memberIds: members, deleted: changes.includes('deleted'), version, updatedAt: new Date() },
        ['tenantId', 'scimGroupId'],
      );
    });
  }

  async recordZoomResult(message: TopicMessage<typeof Topics.zoomCallResult>): Promise<void> {
    const { subject, outcome, zoomId } = message.data;
    if (subject.type !== 'user' || outcome !== 'succeeded' || zoomId === undefined) {
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, 'group_push', message.id, Topics.zoomCallResult))) {
        return;
      }
      await manager.upsert(
        ZoomUserRefEntity,
        { tenantId: message.tenantId, scimUserId: subject.scimId, zoomUserId: zoomId, updatedAt: new Date() },
        ['tenantId', 'scimUserId'],
      );
    });
  }
}
