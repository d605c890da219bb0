import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutgoingMessage } from '@bridge/kafka';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

export interface ChangeOutcome<T> {
  result: T;
  messages: OutgoingMessage[];
}

/** Runs a store change and appends the messages reporting it in the same transaction, then wakes the relay. */
@Injectable()
export class ChangeTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<ChangeOutcome<T>>): Promise<T> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const result = await work(manager);
      await this.outbox.append(manager, result.messages);
      return result;
    });
    if (outcome.messages.length > 0) {
      this.relay.wake();
    }
    return outcome.result;
  }
}
