import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsumeTopic } from '@bridge/kafka';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { GroupStateService } from './group-state.service';

@Controller()
export class GroupEventsConsumer {
  constructor(private readonly state: GroupStateService) {}

  @ConsumeTopic(Topics.scimGroupChanged)
  async onGroupChanged(@Payload() message: TopicMessage<typeof Topics.scimGroupChanged>): Promise<void> {
    await this.state.recordGroupChange(message);
  }

  @ConsumeTopic(Topics.zoomCallResult)
  async onZoomResult(@Payload() message: TopicMessage<typeof Topics.zoomCallResult>): Promise<void> {
    await this.state.recordZoomResult(message);
  }
}
