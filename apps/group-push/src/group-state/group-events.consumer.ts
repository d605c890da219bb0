import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsumeTopicBatch } from '@bridge/kafka';
import { Topics, type TopicMessage } from '@bridge/contracts';
import { GroupStateService } from './group-state.service';

/** Group changes and Zoom results, a partition batch per statement. */
@Controller()
export class GroupEventsConsumer {
  constructor(private readonly state: GroupStateService) {}

  @ConsumeTopicBatch(Topics.scimGroupChanged)
  async onGroupChanges(@Payload() messages: TopicMessage<typeof Topics.scimGroupChanged>[]): Promise<void> {
    await this.state.recordGroupChanges(messages);
  }

  @ConsumeTopicBatch(Topics.zoomCallResult)
  async onZoomResults(@Payload() messages: TopicMessage<typeof Topics.zoomCallResult>[]): Promise<void> {
    await this.state.recordZoomResults(messages);
  }
}
