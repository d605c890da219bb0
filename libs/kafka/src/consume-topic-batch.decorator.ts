import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { TopicName } from '@bridge/contracts';
import { RethrowRpcFilter } from './rethrow-rpc.filter';

/** Marks handlers registered by `@ConsumeTopicBatch`; read by `BridgeKafkaServer`. */
export const BATCH_HANDLER_EXTRAS = { bridgeBatch: true } as const;

/**
 * Marks a consumer method as the batch handler of one or more topics: it receives an array of
 * validated envelopes from one partition, in offset order, and the offsets are committed only
 * after it resolves. A service's handlers are either all batch handlers or all single ones.
 * The method must be idempotent per message: a batch may be redelivered after a crash, and a
 * batch that fails permanently is retried one message at a time to isolate the poison.
 */
export function ConsumeTopicBatch(...topics: TopicName[]): MethodDecorator {
  if (topics.length === 0) {
    throw new Error('ConsumeTopicBatch needs at least one topic');
  }
  return applyDecorators(EventPattern(topics, { ...BATCH_HANDLER_EXTRAS }), UseFilters(RethrowRpcFilter));
}

export function isBatchHandlerExtras(extras: Record<string, unknown> | undefined): boolean {
  return extras?.['bridgeBatch'] === true;
}
