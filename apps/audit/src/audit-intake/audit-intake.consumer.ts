import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ALL_TOPICS, type Envelope, type TopicName } from '@bridge/contracts';
import { ConsumeTopicBatch, type BridgeKafkaContext } from '@bridge/kafka';
import { AuditIntakeService } from './audit-intake.service';

/** Every topic ends up in the audit trail, a partition batch at a time. */
@Controller()
export class AuditIntakeConsumer {
  constructor(private readonly intake: AuditIntakeService) {}

  @ConsumeTopicBatch(...ALL_TOPICS)
  async onMessages(@Payload() messages: Envelope<unknown>[], @Ctx() context: BridgeKafkaContext): Promise<void> {
    await this.intake.recordBatch(context.getTopic() as TopicName, messages);
  }
}
