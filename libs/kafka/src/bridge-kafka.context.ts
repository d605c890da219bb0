import { BaseRpcContext } from '@nestjs/microservices';

type ContextArgs = [topic: string, partition: number, offset: string, attempt: number, heartbeat: () => Promise<void>];

/** What a handler may want to know about the message it is handling. */
export class BridgeKafkaContext extends BaseRpcContext<ContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  getOffset(): string {
    return this.args[2];
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
