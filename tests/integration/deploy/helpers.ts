import Kafka from '@confluentinc/kafka-javascript';
import { JobManagerClient } from '../../../flink-deploy/rest/index.js';
import { ACTIVE_STATES } from '../../../flink-deploy/identity/deployed.js';
import type { Target } from '../../../flink-deploy/target.js';
import { bootstrap, createTopics, uniqueTopic } from '../../support/kafka.js';
import type { VariantNames } from './fixtures/variant-job.js';

const { KafkaJS } = Kafka;

export function testTarget(): Target {
  return { flinkUrl: process.env.FEATC_FLINK_URL ?? '', gatewayUrl: process.env.FEATC_SQL_GATEWAY_URL ?? '', kafkaBootstrap: bootstrap(), from: 'env' };
}

export function jobManager(): JobManagerClient {
  return new JobManagerClient(process.env.FEATC_FLINK_URL ?? '');
}

/** Unique job and topic names for one test; the topics are created (1 partition). */
export async function freshNames(prefix: string): Promise<VariantNames> {
  const id = uniqueTopic(prefix).replace(/[^A-Za-z0-9_]/g, '_');
  const n = { job: id, input: `${id}-in`, totalsTopic: `${id}-totals`, hourlyTopic: `${id}-hourly`, extraTopic: `${id}-extra` };
  await createTopics([n.input, n.totalsTopic, n.hourlyTopic, n.extraTopic], 1);
  return n;
}

/** Cancels every active job of the given names (tests clean up after themselves, also on failure). */
export async function cancelJobsNamed(...names: string[]): Promise<void> {
  const jm = jobManager();
  const jobs = await jm.jobs().catch(() => []);
  await Promise.all(jobs.filter((j) => names.includes(j.name) && ACTIVE_STATES.includes(j.state)).map((j) => jm.cancel(j.jid).catch(() => undefined)));
}

export interface Row { key: string | null; value: Record<string, unknown> }

/** Reads a topic from the beginning with read_committed, in the background, until closed. */
export class TopicReader {
  readonly rows: Row[] = [];
  private consumer = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap().split(','), logLevel: KafkaJS.logLevel.NOTHING } })
    .consumer({ kafkaJS: { groupId: uniqueTopic('deploy-reader'), fromBeginning: true, autoCommit: false }, 'isolation.level': 'read_committed' });

  static async open(topic: string): Promise<TopicReader> {
    const r = new TopicReader();
    await r.consumer.connect();
    await r.consumer.subscribe({ topic });
    void r.consumer.run({
      eachMessage: async ({ message }) => {
        const text = message.value?.toString();
        if (text) r.rows.push({ key: message.key?.toString() ?? null, value: JSON.parse(text) as Record<string, unknown> });
      },
    });
    return r;
  }

  /** Latest value per `field` (upsert semantics). */
  latest(field = 'userId'): Map<string, Record<string, unknown>> {
    const m = new Map<string, Record<string, unknown>>();
    for (const r of this.rows) m.set(String(r.value[field]), r.value);
    return m;
  }

  async waitFor<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined || Date.now() > deadline) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

/** An even hour (a multiple of 2 h) 4 to 6 hours ago: event times of the tests sit in closed, recent windows of 1 h and 2 h. */
export function baseHour(now = Date.now()): number {
  return Math.floor(now / 7_200_000) * 7_200_000 - 4 * 3_600_000;
}
