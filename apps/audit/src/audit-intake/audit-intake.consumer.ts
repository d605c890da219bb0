import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ALL_TOPICS, type Envelope, type TopicName } from '@bridge/contracts';
import { ConsumeTopic, type BridgeKafkaContext } from '@bridge/kafka';
import { AuditIntakeService } from './audit-intake.service';

/** Every topic ends up in the audit trail. */
@Controller()
export class AuditIntakeConsumer {
  constructor(private readonly intake: AuditIntakeService) {}

  @ConsumeTopic(...ALL_TOPICS)
  async onMessage(@Payload() message: Envelope<unknown>, @Ctx() context: BridgeKafkaContext): Promise<void> {
    await this.intake.record(context.getTopic() as TopicName, message);
  }
}
