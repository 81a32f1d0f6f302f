import Kafka from '@confluentinc/kafka-javascript';
import { createEventStream, type GeneratedEvent, type GeneratorOptions, type GeneratorTopic } from './events.js';

export interface RunGeneratorOptions extends Partial<GeneratorOptions> {
  kafka: string;
  durationSec: number;
  /** Produce to these topics instead of the default names (a renamed copy of the jobs reads them). */
  topics?: Partial<Record<GeneratorTopic, string>>;
  /** Keep every produced event in memory (tests compute expected features from them). */
  keepEvents?: boolean;
  onProgress?: (p: GeneratorProgress) => void;
  signal?: AbortSignal;
}

export interface GeneratorProgress {
  produced: number;
  perTopic: Record<string, number>;
  eventTimeMs: number;
  wallMs: number;
}

export interface GeneratorResult extends GeneratorProgress {
  events: GeneratedEvent[];
  options: GeneratorOptions;
}

/** Produces the event stream to Kafka at `rate` impressions per wall second for `durationSec`. */
export async function runGenerator(opts: RunGeneratorOptions): Promise<GeneratorResult> {
  const options: GeneratorOptions = {
    seed: opts.seed ?? 1,
    users: opts.users ?? 200,
    rate: opts.rate ?? 200,
    speed: opts.speed ?? 1,
    startTs: opts.startTs ?? Math.floor(Date.now() / 60_000) * 60_000,
    maxDisorderMs: opts.maxDisorderMs ?? 1500,
  };
  const stream = createEventStream(options);
  const kafka = new Kafka.KafkaJS.Kafka({ kafkaJS: { brokers: opts.kafka.split(','), logLevel: Kafka.KafkaJS.logLevel.NOTHING } });
  const producer = kafka.producer({ kafkaJS: { acks: -1, idempotent: true }, 'linger.ms': 10 });
  await producer.connect();
  const events: GeneratedEvent[] = [];
  const perTopic: Record<string, number> = {};
  let produced = 0;
  let steps = 0;
  const t0 = Date.now();
  const total = Math.round(options.rate * opts.durationSec);
  try {
    while (steps < total && !opts.signal?.aborted) {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * options.rate) + 1);
      const batch: GeneratedEvent[] = [];
      while (steps < due) {
        batch.push(...stream.next());
        steps += 1;
      }
      if (batch.length > 0) {
        const byTopic = new Map<GeneratorTopic, GeneratedEvent[]>();
        for (const e of batch) byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
        await producer.sendBatch({
          topicMessages: [...byTopic].map(([topic, list]) => ({ topic: opts.topics?.[topic] ?? topic, messages: list.map((e) => ({ key: e.key, value: JSON.stringify(e.value) })) })),
        });
        for (const e of batch) perTopic[e.topic] = (perTopic[e.topic] ?? 0) + 1;
        produced += batch.length;
        if (opts.keepEvents) events.push(...batch);
        opts.onProgress?.({ produced, perTopic, eventTimeMs: stream.clock(), wallMs: Date.now() - t0 });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await producer.disconnect();
  }
  return { events, options, produced, perTopic, eventTimeMs: stream.clock(), wallMs: Date.now() - t0 };
}
