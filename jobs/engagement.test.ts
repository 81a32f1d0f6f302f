/**
 * Feature tests of jobs/engagement.ts, run by `featc test jobs` on the real Flink: fixtures go to
 * private Kafka topics, the job runs on a renamed copy, event time is driven past every window and
 * the feature topics are compared per view, entity and window.
 */
import { featureTest, type ExpectedRow } from '../dsl/index.js';
import engagement, { type userCtr } from './engagement.js';

/** 2024-01-01T00:00:00Z: windows align to it. */
const T0 = Date.UTC(2024, 0, 1);
const at = (minutes: number, seconds = 0): number => T0 + minutes * 60_000 + seconds * 1000;
const fiveMinutes = (start: number): { start: number; end: number } => ({ start: at(start), end: at(start + 5) });

/** Rows of `userCtr` (10-minute windows sliding by 1 minute) for the windows ending at minutes `from`…`to`, all with the same values. */
function ctrWindows(userId: string, from: number, to: number, values: ExpectedRow<typeof userCtr>['values']): ExpectedRow<typeof userCtr>[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ entity: { userId }, window: { start: at(from + i - 10), end: at(from + i) }, values }));
}

export const clickRate = featureTest({
  name: 'userClickRate counts clicks per user and 5-minute window, out-of-order clicks within the 2 s delay included',
  job: engagement,
  input: {
    clicks: [
      { userId: 'u1', docId: 'd1', ts: at(0, 10) },
      { userId: 'u2', docId: 'd1', ts: at(0, 15) },
      { userId: 'u1', docId: 'd2', ts: at(4, 59) },
      { userId: 'u1', docId: 'd3', ts: at(4, 58) }, // 1 s out of order
      { userId: 'u1', docId: 'd1', ts: at(5, 0) },
      { userId: 'u2', docId: 'd2', ts: at(5, 1) },
      { userId: 'u1', docId: 'd4', ts: at(4, 59.5) }, // 1.5 s behind the newest click: still on time
      { userId: 'u2', docId: 'd3', ts: at(7, 0) },
    ],
  },
  expect: {
    userClickRate: [
      { entity: { userId: 'u1' }, window: fiveMinutes(0), values: { click_rate_5m: 4 } },
      { entity: { userId: 'u2' }, window: fiveMinutes(0), values: { click_rate_5m: 1 } },
      { entity: { userId: 'u1' }, window: fiveMinutes(5), values: { click_rate_5m: 1 } },
      { entity: { userId: 'u2' }, window: fiveMinutes(5), values: { click_rate_5m: 2 } },
    ],
  },
  lateRecordsDropped: 0,
});

export const clickThroughRate = featureTest({
  name: 'userCtr divides clicks by impressions over 10-minute windows sliding every minute',
  job: engagement,
  input: {
    impressions: [
      { userId: 'u1', docId: 'd1', ts: at(0, 10) },
      { userId: 'u1', docId: 'd2', ts: at(0, 20) },
      { userId: 'u1', docId: 'd3', ts: at(0, 30) },
      { userId: 'u1', docId: 'd4', ts: at(0, 40) },
      { userId: 'u2', docId: 'd1', ts: at(0, 50) },
      { userId: 'u1', docId: 'd5', ts: at(2, 30) },
    ],
    clicks: [
      { userId: 'u1', docId: 'd3', ts: at(0, 35) },
      { userId: 'u3', docId: 'd9', ts: at(1, 10) }, // a click without impressions: no ratio
    ],
  },
  expect: {
    userCtr: [
      ...ctrWindows('u1', 1, 2, { clicks_10m: 1, impressions_10m: 4, ctr_10m: 0.25 }),
      ...ctrWindows('u1', 3, 10, { clicks_10m: 1, impressions_10m: 5, ctr_10m: 0.2 }),
      ...ctrWindows('u1', 11, 12, { clicks_10m: 0, impressions_10m: 1, ctr_10m: 0 }),
      ...ctrWindows('u2', 1, 10, { clicks_10m: 0, impressions_10m: 1, ctr_10m: 0 }),
      ...ctrWindows('u3', 2, 11, { clicks_10m: 1, impressions_10m: 0, ctr_10m: null }),
    ],
  },
});

export const lateClick = featureTest({
  name: 'a click later than the 2 s watermark delay is dead-lettered, counted by no window, and counted as late',
  job: engagement,
  input: {
    clicks: [
      { userId: 'u1', docId: 'd1', ts: at(0, 10) },
      { userId: 'u1', docId: 'd2', ts: at(0, 20) },
      { userId: 'u1', docId: 'd3', ts: at(6, 0) }, // watermark 5:58 closes [0:00, 5:00)
      { userId: 'u1', docId: 'd4', ts: at(0, 30) }, // late: behind the source's watermark (5:58)
    ],
    // Tests run without idle timeouts: userCtr's watermark is the minimum of both sources, so impressions move too.
    impressions: [{ userId: 'u2', docId: 'd1', ts: at(6, 0) }],
  },
  expect: {
    // Tumbling: the late click is not in [0:00, 5:00).
    userClickRate: [
      { entity: { userId: 'u1' }, window: fiveMinutes(0), values: { click_rate_5m: 2 } },
      { entity: { userId: 'u1' }, window: fiveMinutes(5), values: { click_rate_5m: 1 } },
    ],
    // Hopping: no window counts it, not even those still open (ending 6–10 min).
    userCtr: [
      ...ctrWindows('u1', 1, 6, { clicks_10m: 2, impressions_10m: 0, ctr_10m: null }),
      ...ctrWindows('u1', 7, 10, { clicks_10m: 3, impressions_10m: 0, ctr_10m: null }),
      ...ctrWindows('u1', 11, 16, { clicks_10m: 1, impressions_10m: 0, ctr_10m: null }),
      ...ctrWindows('u2', 7, 16, { clicks_10m: 0, impressions_10m: 1, ctr_10m: 0 }),
    ],
  },
  lateRecordsDropped: 1,
});
