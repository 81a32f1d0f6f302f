/**
 * Late events after a key's state was cleaned up, on the real stack (Flink, Kafka): device d1 sends
 * readings, goes quiet for longer than the job's state retention (stateTtl 2 s, processing time), then
 * a reading of d1 far behind the watermark arrives, then on-time readings. Flink's per-event (OVER)
 * and lifetime operators have forgotten d1 by then and would take the late reading for the first of a
 * new group; featc dead-letters it as late and no view sees it:
 * - it is in the dead-letter topic with its reason;
 * - the sliding, lifetime and tumbling views' topics hold exactly the rows an independent computation
 *   over the on-time readings gives (no row at the late reading's time, no count including it).
 */
import { z } from 'zod';
import { count, featureView, job, kafka, lifetime, seconds, sliding, source, sum, tumbling, type AnyFeatureView } from '../../../dsl/index.js';
import { consumeCommitted, produce } from '../../support/kafka.js';
import { serveRenamedJob, type ServedJob } from '../demo/served-job.js';

const T0 = Date.UTC(2026, 11, 3, 8, 0, 0, 0);
const s = (sec: number): number => T0 + sec * 1000;
const RANGE = 10_000;
const TUMBLE = 10_000;

const readings = source({
  name: 'readings', topic: 'readings', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2), deadLetterTopic: 'readings-dlq',
  schema: z.object({ deviceId: z.string(), value: z.number(), ts: z.number().int() }),
});
const features = { n: count(readings), total: sum(readings, 'value') };
const views = [
  featureView({ name: 'perReading', entity: ['deviceId'], sources: [readings], window: sliding(seconds(10)), features, outputs: [kafka({ topic: 'per-reading' })] }),
  featureView({ name: 'allTime', entity: ['deviceId'], sources: [readings], window: lifetime(), features, outputs: [kafka({ topic: 'all-time' })] }),
  featureView({ name: 'perTen', entity: ['deviceId'], sources: [readings], window: tumbling(seconds(10)), features, outputs: [kafka({ topic: 'per-ten' })] }),
] as AnyFeatureView[];
const definition = job({ name: 'late', views, parallelism: 1, checkpointInterval: seconds(1), stateTtl: seconds(2) });

interface Reading { deviceId: string; value: number; ts: number }
const reading = (deviceId: string, sec: number, value = sec): Reading => ({ deviceId, value, ts: s(sec) });
/** Before the pause: d1 at 1–5 s, the clock device every second to 20 s (watermark 18 s). */
const before: Reading[] = [
  ...[1, 2, 3, 4, 5].map((t) => reading('d1', t)),
  ...Array.from({ length: 20 }, (_, i) => reading('clock', i + 1)),
].sort((a, b) => a.ts - b.ts);
/** 12 s behind the watermark: its tumbling window [10 s, 20 s) fired, d1's sliding and lifetime state are gone. */
const late = reading('d1', 6, 1000);
/** After the pause: d1 again, the clock, and a flush reading far ahead that fires everything before it. */
const after: Reading[] = [reading('clock', 40), reading('d1', 41), reading('d1', 42), reading('clock', 60)];
const flush = reading('flush', 200);

interface Row { deviceId: string; n: number; total: number; __as_of_ms: number; __window_start_ms: number }
const sortRows = (rows: Row[]): Row[] => [...rows].sort((a, b) => (a.deviceId === b.deviceId ? a.__as_of_ms - b.__as_of_ms : a.deviceId < b.deviceId ? -1 : 1));
const agg = (deviceId: string, es: Reading[], start: number, end: number): Row =>
  ({ deviceId, n: es.length, total: es.reduce((t, e) => t + e.value, 0), __as_of_ms: end, __window_start_ms: start });
const onTime = [...before, ...after];
const byDevice = (): Map<string, Reading[]> => {
  const m = new Map<string, Reading[]>();
  for (const e of onTime) m.set(e.deviceId, [...(m.get(e.deviceId) ?? []), e]);
  return m;
};

function slidingRows(): Row[] {
  const rows: Row[] = [];
  for (const [device, es] of byDevice()) for (const e of es) rows.push(agg(device, es.filter((x) => x.ts >= e.ts - RANGE && x.ts <= e.ts), e.ts - RANGE, e.ts));
  return sortRows(rows);
}

function tumblingRows(): Row[] {
  const rows: Row[] = [];
  for (const [device, es] of byDevice()) {
    for (const start of new Set(es.map((e) => Math.floor(e.ts / TUMBLE) * TUMBLE))) rows.push(agg(device, es.filter((e) => e.ts >= start && e.ts < start + TUMBLE), start, start + TUMBLE));
  }
  return sortRows(rows);
}

/** Lifetime with a 2 s state retention: each device's state expired during the pause, so every row after it counts the readings after it only. */
function lifetimeRows(): Row[] {
  const rows: Row[] = [];
  for (const phase of [before, after]) {
    const seen = new Map<string, Reading[]>();
    for (const e of phase) {
      const es = [...(seen.get(e.deviceId) ?? []), e];
      seen.set(e.deviceId, es);
      rows.push(agg(e.deviceId, es, es[0]!.ts, e.ts));
    }
  }
  return sortRows(rows);
}

describe('a late event after its key\'s state was cleaned up is dead-lettered and produces no row', () => {
  let served: ServedJob | undefined;
  const served_ = (): ServedJob => {
    if (!served) throw new Error('not deployed');
    return served;
  };
  const tag = `featc_late_${Date.now().toString(36)}`;
  const read = async (topic: string, expected: number, settleMs = 2000): Promise<Row[]> =>
    (await consumeCommitted(served_().topic(topic), { expected, timeoutMs: 120_000, settleMs }))
      .map((r) => JSON.parse(r.value) as Row).filter((r) => r.deviceId !== 'flush');

  beforeAll(async () => {
    served = await serveRenamedJob(definition, tag);
    await produce(served_().topic('readings'), before.map((value) => ({ value })));
    // Everything before the pause is processed (d1's five sliding rows are out), then the state retention passes.
    const firstRows = await read('per-reading', slidingRows().filter((r) => r.__as_of_ms <= s(18)).length, 0);
    if (!firstRows.some((r) => r.deviceId === 'd1' && r.__as_of_ms === s(5))) throw new Error('the readings before the pause were not processed');
    await new Promise((r) => setTimeout(r, 8000));
    await produce(served_().topic('readings'), [late, ...after, flush].map((value) => ({ value })));
  });

  afterAll(async () => {
    await served?.stop();
  });

  test('the late reading is in the dead-letter topic with its reason', async () => {
    const records = await consumeCommitted(served_().topic('readings-dlq'), { expected: 1, timeoutMs: 120_000, settleMs: 3000 });
    expect(records.map((r) => {
      const d = JSON.parse(r.value) as { reason: string; event_time_ms: number; payload: string };
      return { reason: d.reason, eventTimeMs: d.event_time_ms, payload: JSON.parse(d.payload) as unknown };
    })).toEqual([{ reason: 'later than the watermark (watermarkDelay 2 s)', eventTimeMs: late.ts, payload: late }]);
  });

  test('sliding (per-event) rows equal an independent computation: no row at the late reading', async () => {
    const want = slidingRows();
    const got = sortRows(await read('per-reading', want.length));
    expect(got.filter((r) => r.__as_of_ms === late.ts && r.deviceId === 'd1')).toEqual([]);
    expect(got).toEqual(want);
  });

  test('lifetime rows equal an independent computation: the late reading is in no count', async () => {
    const want = lifetimeRows();
    const got = sortRows(await read('all-time', want.length));
    expect(got).toEqual(want);
  });

  test('tumbling rows (the late reading\'s window had fired) equal an independent computation', async () => {
    const want = tumblingRows();
    const got = sortRows(await read('per-ten', want.length));
    expect(got).toEqual(want);
  });
});
