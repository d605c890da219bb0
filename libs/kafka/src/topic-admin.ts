import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
}

export const DEFAULT_PARTITIONS = 6;

/**
 * Creates the topics (waiting for their leaders) before anything consumes them: a fresh broker
 * otherwise answers "This server does not host this topic-partition".
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replicationFactor = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.numPartitions ?? DEFAULT_PARTITIONS,
          replicationFactor,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
