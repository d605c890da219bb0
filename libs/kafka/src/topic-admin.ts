import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
}

export const DEFAULT_PARTITIONS = 6;
const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates the topics and waits until every partition has a leader, before anything produces or
 * consumes: a fresh broker otherwise answers "This server does not host this topic-partition".
 * Services start together, so a topic may be created by a sibling at the same moment: that is
 * not an error, and its leaders are awaited all the same.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replicationFactor = 1): Promise<void> {
  if (specs.length === 0) {
    return;
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.numPartitions ?? DEFAULT_PARTITIONS,
            replicationFactor,
          })),
        })
        .catch((error: unknown) => {
          if (!onlyAlreadyExists(error)) {
            throw error;
          }
        });
    }
    await waitForLeaders(admin, specs.map((spec) => spec.topic));
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.filter((topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0));
      if (leaderless.length === 0) {
        return;
      }
      last = `no leader yet for ${leaderless.map((topic) => topic.name).join(', ')}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`topics were not ready within ${LEADERS_TIMEOUT_MS} ms: ${last}`);
}

function onlyAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((entry) => entry.type === 'TOPIC_ALREADY_EXISTS');
}
