import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics } from '@bridge/contracts';
import { ConsumeTopic, PermanentFailure, type BridgeKafkaContext } from '@bridge/kafka';
import { TenantService } from '@bridge/tenancy';
import { TenantLanesService } from '../tenant-lanes/tenant-lanes.service';
import { CommandPriority, commandPriority } from './command-priority.rules';
import { CommandQueueRepository } from './command-queue.repository';
import type { UserCommandMessage } from './queued-command';

/**
 * Moves user commands from Kafka into the tenant's durable queue and commits at once: Zoom's
 * pace, a throttled tenant or a quarantine never holds a partition.
 */
@Controller()
export class UserCommandIntakeConsumer {
  constructor(
    private readonly queue: CommandQueueRepository,
    private readonly lanes: TenantLanesService,
    private readonly tenants: TenantService,
  ) {}

  @ConsumeTopic(Topics.zoomUserCommand)
  async onUserCommand(@Payload() message: UserCommandMessage, @Ctx() context: BridgeKafkaContext): Promise<void> {
    if (this.tenants.directory().get(message.tenantId) === undefined) {
      throw new PermanentFailure('unknown-tenant', `tenant ${message.tenantId} is not in the tenant registry`);
    }
    await this.queue.enqueue(message, context.getPartition(), context.getOffset());
    this.lanes.wake(message.tenantId, commandPriority(message.data) === CommandPriority.REVOKE_ACCESS);
  }
}
