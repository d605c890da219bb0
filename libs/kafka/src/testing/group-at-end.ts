import type { Kafka } from 'kafkajs';

/**
 * Moves a new consumer group to the topic's end. Servers read from the beginning, and a local
 * broker keeps every earlier run's messages on the shared topics; a test that only cares about
 * its own messages would otherwise wade through all of them first. (Test support; not exported.)
 */
export async function startGroupAtEnd(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  } finally {
    await admin.disconnect();
  }
}
