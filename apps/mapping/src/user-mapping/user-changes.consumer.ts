import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsumeTopic } from '@bridge/kafka';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { UserMappingService } from './user-mapping.service';

@Controller()
export class UserChangesConsumer {
  constructor(private readonly mapping: UserMappingService) {}

  @ConsumeTopic(Topics.scimUserChanged)
  async onUserChanged(@Payload() message: TopicMessage<typeof Topics.scimUserChanged>): Promise<void> {
    await this.mapping.mapUserChange(message);
  }
}
