import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { ConsumeTopic, type BridgeKafkaContext } from '@bridge/kafka';
import { ZoomUserSyncService } from './zoom-user-sync.service';

@Controller()
export class UserCommandsConsumer {
  constructor(private readonly sync: ZoomUserSyncService) {}

  @ConsumeTopic(Topics.zoomUserCommand)
  async onUserCommand(@Payload() message: TopicMessage<typeof Topics.zoomUserCommand>, @Ctx() context: BridgeKafkaContext): Promise<void> {
    await this.sync.applyUserCommand(message, context.getAttempt());
  }
}
