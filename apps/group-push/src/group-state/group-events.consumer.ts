import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { GroupStateService } from './group-state.service';

@Controller()
export class GroupEventsConsumer {
  constructor(private readonly state: GroupStateService) {}

  @EventPattern(Topics.scimGroupChanged)
  async onGroupChanged(@Payload() message: TopicMessage<typeof Topics.scimGroupChanged>): Promise<void> {
    await this.state.recordGroupChange(message);
  }

  @EventPattern(Topics.zoomCallResult)
  async onZoomResult(@Payload() message: TopicMessage<typeof Topics.zoomCallResult>): Promise<void> {
    await this.state.recordZoomResult(message);
  }
}
