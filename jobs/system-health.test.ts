/** Feature tests of jobs/system-health.ts (`featc test jobs`): queue and error signals per server and minute. */
import { featureTest } from '../dsl/index.js';
import systemHealth from './system-health.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (minutes: number, seconds = 0): number => T0 + minutes * 60_000 + seconds * 1000;
const minute = (m: number): { start: number; end: number } => ({ start: at(m), end: at(m + 1) });
const metric = (server: string, queueLength: number, status: 'ok' | 'error', ts: number) => ({ server, queueLength, status, latencyMs: 100, ts });

export const healthPerMinute = featureTest({
  name: 'serverHealth averages queues and rates errors per server and minute; a report older than the watermark is dropped',
  job: systemHealth,
  input: {
    modelMetrics: [
      metric('s1', 4, 'ok', at(0, 10)),
      metric('s1', 8, 'error', at(0, 20)),
      metric('s2', 3, 'ok', at(0, 30)),
      metric('s1', 6, 'ok', at(0, 40)),
      metric('s1', 2, 'error', at(0, 50)),
      metric('s1', 1, 'ok', at(1, 5)),
      metric('s1', 7, 'ok', at(3, 0)), // watermark 2:58: minutes 0–2 are closed
      metric('s2', 9, 'error', at(0, 45)), // late: not in s2's first minute, counted as dropped
    ],
  },
  expect: {
    serverHealth: [
      { entity: { server: 's1' }, window: minute(0), values: { queue_avg_1m: 5, queue_max_1m: 8, requests_1m: 4, errors_1m: 2, error_rate_1m: 0.5 } },
      { entity: { server: 's2' }, window: minute(0), values: { queue_avg_1m: 3, queue_max_1m: 3, requests_1m: 1, errors_1m: 0, error_rate_1m: 0 } },
      { entity: { server: 's1' }, window: minute(1), values: { queue_avg_1m: 1, queue_max_1m: 1, requests_1m: 1, errors_1m: 0, error_rate_1m: 0 } },
      { entity: { server: 's1' }, window: minute(3), values: { queue_avg_1m: 7, queue_max_1m: 7, requests_1m: 1, errors_1m: 0, error_rate_1m: 0 } },
    ],
  },
  lateRecordsDropped: 1,
});

export const fractionalRates = featureTest({
  name: 'serverHealth: fractional queue averages, a server failing every request, and one that never fails',
  job: systemHealth,
  input: {
    modelMetrics: [
      metric('s1', 1, 'ok', at(0, 1)),
      metric('s1', 2, 'error', at(0, 2)),
      metric('s1', 2, 'ok', at(0, 3)),
      metric('s2', 9, 'error', at(0, 4)),
      metric('s2', 4, 'error', at(0, 5)),
      metric('s3', 0, 'ok', at(0, 6)),
      metric('s3', 0, 'ok', at(0, 7)),
    ],
  },
  expect: {
    serverHealth: [
      { entity: { server: 's1' }, window: minute(0), values: { queue_avg_1m: 5 / 3, queue_max_1m: 2, requests_1m: 3, errors_1m: 1, error_rate_1m: 1 / 3 } },
      { entity: { server: 's2' }, window: minute(0), values: { queue_avg_1m: 6.5, queue_max_1m: 9, requests_1m: 2, errors_1m: 2, error_rate_1m: 1 } },
      { entity: { server: 's3' }, window: minute(0), values: { queue_avg_1m: 0, queue_max_1m: 0, requests_1m: 2, errors_1m: 0, error_rate_1m: 0 } },
    ],
  },
  lateRecordsDropped: 0,
});
