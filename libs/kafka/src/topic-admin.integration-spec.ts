import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from './topic-admin';

const kafka = new Kafka({
  clientId: 'topic-admin-it',
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});

describe('ensureTopics against a real broker', () => {
  it('creates topics from several services at once and leaves every partition with a leader', async () => {
    const topics = [0, 1, 2].map(() => ({ topic: `it.topic-admin.race-${randomUUID().slice(0, 8)}.v1`, numPartitions: 3 }));
    // Services start together and ask for the same topics: none of them may fail.
    await Promise.all([ensureTopics(kafka, topics), ensureTopics(kafka, topics), ensureTopics(kafka, [...topics].reverse())]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: topics.map((spec) => spec.topic) });
      expect(metadata.map((topic) => topic.partitions.length)).toEqual([3, 3, 3]);
      expect(metadata.flatMap((topic) => topic.partitions).every((partition) => partition.leader >= 0)).toBe(true);
      await admin.deleteTopics({ topics: topics.map((spec) => spec.topic) });
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('does nothing for an empty list', async () => {
    await expect(ensureTopics(kafka, [])).resolves.toBeUndefined();
  });
});
