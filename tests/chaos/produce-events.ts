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
 * Produces the plan's events at about `ratePerSecond` (live traffic, not one backlog) with an
 * idempotent producer, a few batches in flight; every event acknowledged by Kafka is added to the
 * oracle. Throws if any send fails.
 */
export async function produceEvents(bootstrap: string, plan: EventPlan, oracle: EngagementOracle, ratePerSecond: number, onProgress: (produced: number) => void): Promise<ProduceReport> {
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
    let sent = 0;
    for (const batch of eventBatches(plan, BATCH)) {
      const due = t0 + (sent / ratePerSecond) * 1000;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      sent += batch.length;
      inFlight.push(producer.send(batch.map(toRecord)).then(() => count(batch)));
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    await producer.close();
  }
  return { byTopic, ms: Date.now() - t0 };
}

/**
 * The two closing events, produced once the last fault has recovered: both sources then see an
 * event past every window, so every window fires (a source restored at the end of its topic has no
 * watermark until it reads a new event).
 */
export async function produceClosingEvents(bootstrap: string, plan: EventPlan, oracle: EngagementOracle, byTopic: ProduceReport['byTopic']): Promise<void> {
  const producer = await openProducer(bootstrap);
  try {
    const closing = flushEvents(plan);
    await producer.send(closing.map(toRecord));
    for (const e of closing) {
      oracle.add(e);
      byTopic[e.topic] += 1;
    }
  } finally {
    await producer.close();
  }
}
