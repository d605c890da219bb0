import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { TopicName } from '@bridge/contracts';
import { RethrowRpcFilter } from './rethrow-rpc.filter';

/**
 * Marks a consumer method as the handler of one or more topics. The method keeps its errors'
 * classes (Nest would otherwise flatten them), so the consumer can tell retry from dead letter.
 */
export function ConsumeTopic(...topics: TopicName[]): MethodDecorator {
  if (topics.length === 0) {
    throw new Error('ConsumeTopic needs at least one topic');
  }
  return applyDecorators(EventPattern(topics), UseFilters(RethrowRpcFilter));
}
