import { createLogger, MetricsService } from '@bridge/observability';
import type { OutgoingMessage } from '@bridge/kafka';
import type { DataSource } from 'typeorm';
import type { OutboxRelayService } from '../outbox/outbox-relay.service';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { RequestRecordBufferService } from './request-record-buffer.service';

function record(n: number): OutgoingMessage {
  return { topic: 'ingest.request.logged.v1', key: `t:requests`, message: { id: String(n) } as OutgoingMessage['message'] };
}

function createTestService(append: (batch: readonly OutgoingMessage[]) => Promise<void>) {
  const outbox = { append: jest.fn((_manager: unknown, batch: readonly OutgoingMessage[]) => append(batch)) };
  const relay = { wake: jest.fn() };
  const service = new RequestRecordBufferService(
    { manager: {} } as DataSource,
    outbox as unknown as OutboxRepository,
    relay as unknown as OutboxRelayService,
    createLogger('test', { level: 'silent' }),
    new MetricsService('test'),
  );
  return { service, outbox, relay };
}

describe('RequestRecordBufferService', () => {
  afterEach(() => jest.useRealTimers());

  it('writes the records of a burst in one batch and wakes the relay', async () => {
    jest.useFakeTimers();
    const stored: string[][] = [];
    const { service, relay } = createTestService(async (batch) => {
      stored.push(batch.map((entry) => entry.message.id));
    });
    [1, 2, 3].forEach((n) => service.add(record(n)));
    await jest.advanceTimersByTimeAsync(60);
    expect(stored).toEqual([['1', '2', '3']]);
    expect(relay.wake).toHaveBeenCalledTimes(1);
  });

  it('keeps the records and tries again when the database refuses them', async () => {
    jest.useFakeTimers();
    let fail = true;
    const stored: string[] = [];
    const { service } = createTestService(async (batch) => {
      if (fail) {
        fail = false;
        throw new Error('connection refused');
      }
      stored.push(...batch.map((entry) => entry.message.id));
    });
    service.add(record(1));
    await jest.advanceTimersByTimeAsync(60);
    service.add(record(2));
    await jest.advanceTimersByTimeAsync(200);
    expect(stored).toEqual(['1', '2']);
  });

  it('writes what is waiting when the service shuts down', async () => {
    const stored: string[] = [];
    const { service } = createTestService(async (batch) => {
      stored.push(...batch.map((entry) => entry.message.id));
    });
    service.add(record(7));
    await service.onApplicationShutdown();
    expect(stored).toEqual(['7']);
  });
});
