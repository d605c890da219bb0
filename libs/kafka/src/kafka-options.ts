import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { BridgeLogger } from '@bridge/observability';
import { applyKafkajsIdleTimerFix } from './kafkajs-idle-timer.fix';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through the service's structured logger. */
export function createKafka(options: KafkaConnectionOptions, logger: BridgeLogger): Kafka {
  applyKafkajsIdleTimerFix();
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
    logCreator:
      () =>
      ({ level, log, namespace }: LogEntry) => {
        const { message, ...fields } = log;
        logger[LEVELS[level] ?? 'info'](`kafka: ${message}`, { namespace, ...fields });
      },
  });
}
