import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics } from '@bridge/contracts';
import { ConsumeTopicBatch, PermanentFailure, type BridgeKafkaContext } from '@bridge/kafka';
import { TenantService } from '@bridge/tenancy';
import { TenantLanesService } from '../tenant-lanes/tenant-lanes.service';
import { CommandPriority, commandPriority } from './command-priority.rules';
import { CommandQueueRepository } from './command-queue.repository';
import type { UserCommandMessage } from './queued-command';

/**
 * Moves user commands from Kafka into the tenant's durable queue, a partition batch per statement,
 * and commits at once: Zoom's pace, a throttled tenant or a quarantine never holds a partition,
 * and a revocation never waits in Kafka behind a backlog of creates.
 */
@Controller()
export class UserCommandIntakeConsumer {
  constructor(
    private readonly queue: CommandQueueRepository,
    private readonly lanes: TenantLanesService,
    private readonly tenants: TenantService,
  ) {}

  @ConsumeTopicBatch(Topics.zoomUserCommand)
  async onUserCommands(@Payload() messages: UserCommandMessage[], @Ctx() context: BridgeKafkaContext): Promise<void> {
    const directory = this.tenants.directory();
    const unknown = messages.find((message) => directory.get(message.tenantId) === undefined);
    if (unknown !== undefined) {
      // Batch delivery retries the batch message by message, so only the unknown tenant's commands are dead-lettered.
      throw new PermanentFailure('unknown-tenant', `tenant ${unknown.tenantId} is not in the tenant registry`);
    }
    const offsets = context.getOffsets();
    await this.queue.enqueueBatch(messages.map((message, index) => ({ message, partition: context.getPartition(), offset: offsets[index] })));
    const urgentByTenant = new Map<string, boolean>();
    for (const message of messages) {
      const urgent = commandPriority(message.data) === CommandPriority.REVOKE_ACCESS;
      urgentByTenant.set(message.tenantId, (urgentByTenant.get(message.tenantId) ?? false) || urgent);
    }
    for (const [tenantId, urgent] of urgentByTenant) {
      this.lanes.wake(tenantId, urgent);
    }
  }
}
