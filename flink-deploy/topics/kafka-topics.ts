import { kafkaClient } from '../../common/kafka-client.js';
import { DeployError } from '../deploy-error.js';

/** Topics on the broker with their partition counts, or why they could not be listed. */
export type TopicListing = { ok: true; partitions: Map<string, number> } | { ok: false; why: string };

const CONNECT_TIMEOUT_MS = 3000;

function admin(bootstrap: string, purpose: string) {
  const { KafkaJS } = kafkaClient(purpose);
  return new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: CONNECT_TIMEOUT_MS } }).admin();
}

/**
 * The broker's topics among `wanted`, with their partitions. Never throws: a broker the CLI cannot
 * reach (another network, security settings) or a missing Kafka client gives `ok: false` and why.
 */
export async function listTopics(bootstrap: string, wanted: readonly string[], timeoutMs = 8000): Promise<TopicListing> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<TopicListing>((resolve) => { timer = setTimeout(() => resolve({ ok: false, why: `topics on ${bootstrap} not checked: no answer within ${timeoutMs / 1000} s` }), timeoutMs); });
  try {
    return await Promise.race([listing(bootstrap, wanted), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function listing(bootstrap: string, wanted: readonly string[]): Promise<TopicListing> {
  try {
    const client = admin(bootstrap, 'checking topics');
    await client.connect();
    try {
      const existing = new Set(await client.listTopics());
      const present = wanted.filter((t) => existing.has(t));
      const metadata = present.length === 0 ? [] : await client.fetchTopicMetadata({ topics: present });
      return { ok: true, partitions: new Map(metadata.map((t) => [t.name, t.partitions.length])) };
    } finally {
      await client.disconnect().catch(() => undefined);
    }
  } catch (err) {
    return { ok: false, why: `topics on ${bootstrap} not checked: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Creates topics (the broker's default replication); one that appeared meanwhile is fine. */
export async function createTopics(bootstrap: string, topics: readonly { topic: string; partitions: number }[]): Promise<void> {
  if (topics.length === 0) return;
  const client = admin(bootstrap, 'creating topics');
  await client.connect();
  try {
    await client.createTopics({ topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions })) });
  } catch (err) {
    if (!/already exists/i.test((err as Error).message)) throw new DeployError('FEATC_E7165', `creating topics on ${bootstrap} failed: ${topicErrors(err)}`, undefined, undefined, { cause: err });
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/** The client's aggregate error says only "Topic creation errors": name each topic and what the broker answered. */
function topicErrors(err: unknown): string {
  const each = (err as { errors?: { topic?: string; type?: string; code?: number }[] }).errors;
  if (!Array.isArray(each) || each.length === 0) return (err as Error).message;
  return each.map((e) => `${e.topic ?? '?'}: ${e.type ?? 'error'}${e.code === undefined ? '' : ` (Kafka error code ${e.code})`}`).join(', ');
}

/** What a job reads and writes, and which of those topics the broker lacks. */
export interface JobTopics {
  reads: string[];
  writes: string[];
  /** Missing topics the job writes (outputs, steps, dead letters, and sources its own steps feed): deploy creates them. */
  missingWrites: string[];
  /** Missing topics only read (sources fed from outside): deploy refuses unless told to create them. */
  missingSources: string[];
  /** Partitions of the job's largest existing source topic (what created topics get unless told), null when unknown. */
  sourcePartitions: number | null;
  /** Set when the broker could not be asked: nothing is known missing. */
  unchecked?: string;
}

export function jobTopics(topics: { reads: string[]; writes: string[] }, listed: TopicListing): JobTopics {
  const base = { reads: topics.reads, writes: topics.writes };
  if (!listed.ok) return { ...base, missingWrites: [], missingSources: [], sourcePartitions: null, unchecked: listed.why };
  const missing = (t: string): boolean => !listed.partitions.has(t);
  const partitions = topics.reads.map((t) => listed.partitions.get(t) ?? 0);
  return {
    ...base, missingWrites: topics.writes.filter(missing), missingSources: topics.reads.filter((t) => missing(t) && !topics.writes.includes(t)),
    sourcePartitions: Math.max(0, ...partitions) || null,
  };
}
