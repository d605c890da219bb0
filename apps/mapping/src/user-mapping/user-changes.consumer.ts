import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsumeTopicBatch } from '@bridge/kafka';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { UserMappingService } from './user-mapping.service';

/** User changes, a partition batch at a time: the batch's decisions go out in one produce request. */
@Controller()
export class UserChangesConsumer {
  constructor(private readonly mapping: UserMappingService) {}

  @ConsumeTopicBatch(Topics.scimUserChanged)
  async onUserChanges(@Payload() messages: TopicMessage<typeof Topics.scimUserChanged>[]): Promise<void> {
    await this.mapping.mapUserChanges(messages);
  }
}
