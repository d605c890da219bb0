import { BaseRpcContext } from '@nestjs/microservices';

type ContextArgs = [topic: string, partition: number, offset: string, attempt: number, heartbeat: () => Promise<void>, offsets?: string[]];

/** What a handler may want to know about the message it is handling. */
export class BridgeKafkaContext extends BaseRpcContext<ContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  /** The message's offset; for a batch, its first message's. */
  getOffset(): string {
    return this.args[2];
  }

  /** The offset of each message delivered, in the order of the payload (one for a single message). */
  getOffsets(): string[] {
    return this.args[5] ?? [this.args[2]];
  }

  /** 1 for the first delivery to this process, more when the handler is being retried. */
  getAttempt(): number {
    return this.args[3];
  }

  /** Long handlers call this so the group does not evict the member mid-message. */
  heartbeat(): Promise<void> {
    return this.args[4]();
  }
}
