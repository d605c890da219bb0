import type { MessagePublisher, OutgoingMessage } from '../message-producer';

/** A publisher for unit tests: keeps what was published, can be told to fail. */
export class InMemoryPublisher implements MessagePublisher {
  readonly published: OutgoingMessage[] = [];
  private failure: Error | undefined;

  failNextWith(error: Error): void {
    this.failure = error;
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    this.published.push(...messages);
  }

  onTopic(topic: string): OutgoingMessage[] {
    return this.published.filter((message) => message.topic === topic);
  }
}
