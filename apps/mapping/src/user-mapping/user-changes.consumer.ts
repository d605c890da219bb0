import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { UserMappingService } from './user-mapping.service';

@Controller()
export class UserChangesConsumer {
  constructor(private readonly mapping: UserMappingService) {}

  @EventPattern(Topics.scimUserChanged)
  async onUserChanged(@Payload() message: TopicMessage<typeof Topics.scimUserChanged>): Promise<void> {
    await this.mapping.mapUserChange(message);
  }
}
