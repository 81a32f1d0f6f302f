import { eventBatches, flushEvents, type ChaosEvent, type EventPlan } from './events.js';
import { openProducer, type OutgoingRecord } from './kafka-io.js';
import type { EngagementOracle } from './oracle.js';

export interface ProduceReport {
  byTopic: Record<ChaosEvent['topic'], number>;
  ms: number;
}

const BATCH = 20_000;
const IN_FLIGHT = 3;

function toRecord(e: ChaosEvent): OutgoingRecord {
  return { topic: e.topic, key: e.userId, value: JSON.stringify({ userId: e.userId, docId: e.docId, ts: e.ts }) };
}

/**
 * Produces the plan's events (then the two closing events) with an idempotent producer, a few
 * batches in flight; every event acknowledged by Kafka is added to the oracle. Throws if any send fails.
 */
export async function produceEvents(bootstrap: string, plan: EventPlan, oracle: EngagementOracle, onProgress: (produced: number) => void): Promise<ProduceReport> {
  const t0 = Date.now();
  const producer = await openProducer(bootstrap);
  const byTopic = { clicks: 0, impressions: 0 };
  const count = (events: ChaosEvent[]): void => {
    for (const e of events) {
      oracle.add(e);
      byTopic[e.topic] += 1;
    }
    onProgress(oracle.events);
  };
  try {
    const inFlight: Promise<void>[] = [];
    for (const batch of eventBatches(plan, BATCH)) {
      inFlight.push(producer.send(batch.map(toRecord)).then(() => count(batch)));
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const flush = flushEvents(plan);
    await producer.send(flush.map(toRecord));
    count(flush);
  } finally {
    await producer.close();
  }
  return { byTopic, ms: Date.now() - t0 };
}
