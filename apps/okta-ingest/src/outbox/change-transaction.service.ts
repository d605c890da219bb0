import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutgoingMessage } from '@bridge/kafka';
import type { SqlParameters } from '../scim-query/filter-sql.model';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

export interface ChangeOutcome<T> {
  result: T;
  messages: OutgoingMessage[];
  /** The work appended `messages` itself (with OutboxRepository.writeWithMessages). */
  appended?: boolean;
}

/** Optimistic writes (`ChangeTransaction.write` gated on a version) that lose this many races in a row fall back to the row lock. */
export const OPTIMISTIC_ATTEMPTS = 3;

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
      if (result.appended !== true) {
        await this.outbox.append(manager, result.messages);
      }
      return result;
    });
    if (outcome.messages.length > 0) {
      this.relay.wake();
    }
    return outcome.result;
  }

  /**
   * A change that fits one statement (see OutboxRepository.writeWithMessages), without an explicit
   * transaction: one round trip instead of four. Returns how many rows the `gate` CTE returned.
   */
  async write(params: SqlParameters, changes: Readonly<Record<string, string>>, gate: string, messages: readonly OutgoingMessage[]): Promise<number> {
    const applied = await this.outbox.writeWithMessages(this.dataSource.manager, params, changes, gate, messages);
    if (applied > 0 && messages.length > 0) {
      this.relay.wake();
    }
    return applied;
  }
}
