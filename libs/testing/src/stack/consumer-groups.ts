import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { ALL_TOPICS } from '@bridge/contracts';

const JOIN_TIMEOUT_MS = 30_000;

/**
 * Moves consumer groups to the current end of every topic before their services start. A local
 * broker keeps what earlier test runs produced; a stack that only cares about its own traffic
 * (the demo, the end-to-end test) would otherwise wade through all of it first.
 */
export async function startGroupsAtEnd(brokers: string[], groupIds: readonly string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'local-stack', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let ends: { topic: string; partition: number; offset: string }[];
  try {
    const existing = new Set(await admin.listTopics());
    const topics = ALL_TOPICS.filter((topic) => existing.has(topic));
    ends = (
      await Promise.all(
        topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high }))),
      )
    ).flat();
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) {
    return;
  }
  // One short-lived member per group commits every end at once (kafkajs' setOffsets joins once per topic).
  await Promise.all(groupIds.map((groupId) => commitEnds(kafka.consumer({ groupId }), ends)));
}

async function commitEnds(consumer: Consumer, ends: { topic: string; partition: number; offset: string }[]): Promise<void> {
  const topics = [...new Set(ends.map((end) => end.topic))];
  await consumer.connect();
  try {
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('consumer group join timed out')), JOIN_TIMEOUT_MS);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await consumer.subscribe({ topics, fromBeginning: false });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    consumer.pause(topics.map((topic) => ({ topic })));
    await joined;
    await consumer.commitOffsets(ends);
  } finally {
    await consumer.disconnect();
  }
}

/**
 * How many messages of `topics` a consumer group has yet to read: each partition's end offset
 * minus the group's committed offset, summed (a partition it never committed counts whole).
 */
export async function consumerLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const at = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = Number(at.find((partition) => partition.partition === end.partition)?.offset ?? '-1');
      lag += Math.max(0, Number(end.high) - Math.max(0, offset));
    }
  }
  return lag;
}
