import { compileJob } from '../../../compiler/index.js';
import engagement from '../../../jobs/engagement.js';
import { actualRows, compareOutputs, windowStartProblems } from '../../../testing/compare.js';
import { FLUSH_MARKER } from '../../../testing/fixtures.js';
import { formatMismatches } from '../../../testing/report.js';
import type { CommittedRecord } from '../../../testing/kafka.js';

const graph = compileJob(engagement).graph;
const T0 = Date.UTC(2024, 0, 1);
const topic = (view: string): string => graph.sinks.find((s) => s.view === view)?.topic ?? '';
let offset = 0;
const record = (view: string, value: Record<string, unknown>): CommittedRecord => ({
  topic: topic(view), key: JSON.stringify({ userId: value.userId }), value: JSON.stringify(value), partition: 0, offset: String(offset++),
});

describe('featc test: comparing outputs', () => {
  const records = [
    record('userClickRate', { userId: 'u1', click_rate_5m: 4, __as_of_ms: T0 + 300_000, __window_start_ms: T0 }),
    record('userClickRate', { userId: 'u3', click_rate_5m: 1, __as_of_ms: T0 + 300_000, __window_start_ms: T0 }),
    record('userClickRate', { userId: FLUSH_MARKER, click_rate_5m: 1, __as_of_ms: T0 + 600_000 }),
    record('userCtr', { userId: 'u1', clicks_10m: 1, impressions_10m: 3, ctr_10m: 1 / 3, __as_of_ms: T0 + 60_000 }),
  ];

  test('reads rows per view, drops the flush entity, keeps the window end', () => {
    const { rows, duplicates } = actualRows(graph, records);
    expect(duplicates).toEqual([]);
    expect(rows).toEqual([
      { view: 'userClickRate', entity: { userId: 'u1' }, end: T0 + 300_000, start: T0, values: { click_rate_5m: 4 } },
      { view: 'userClickRate', entity: { userId: 'u3' }, end: T0 + 300_000, start: T0, values: { click_rate_5m: 1 } },
      { view: 'userCtr', entity: { userId: 'u1' }, end: T0 + 60_000, start: null, values: { clicks_10m: 1, impressions_10m: 3, ctr_10m: 1 / 3 } },
    ]);
  });

  test('reports wrong values, missing and unexpected rows, readable per view, entity and window', () => {
    const { rows } = actualRows(graph, records);
    const expected = {
      userClickRate: [
        { entity: { userId: 'u1' }, window: { end: T0 + 300_000 }, values: { click_rate_5m: 5 } },
        { entity: { userId: 'u2' }, window: { end: T0 + 300_000 }, values: { click_rate_5m: 1 } },
      ],
      userCtr: [{ entity: { userId: 'u1' }, window: { end: T0 + 60_000 }, values: { ctr_10m: 0.333333333333, clicks_10m: 1 } }],
    };
    const mismatches = compareOutputs(graph, expected, rows, 1e-9);
    expect(formatMismatches(mismatches)).toEqual([
      'view userClickRate › entity {"userId":"u1"} › window [2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)',
      '    click_rate_5m: expected 5, actual 4',
      'missing: view userClickRate › entity {"userId":"u2"} › window [2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)',
      '    expected click_rate_5m=1, but the job emitted no such row',
      'unexpected: view userClickRate › entity {"userId":"u3"} › window [2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)',
      '    actual click_rate_5m=1, but the test expects no such row',
    ]);
    expect(compareOutputs(graph, expected, rows, 1e-6).filter((m) => m.kind === 'value' && m.view === 'userCtr')).toEqual([]);
  });

  test('a window start given by the test must equal the row\'s __window_start_ms', () => {
    const { rows } = actualRows(graph, records);
    const row = (start: number) => ({ userClickRate: [{ entity: { userId: 'u1' }, window: { start, end: T0 + 300_000 }, values: { click_rate_5m: 4 } }] });
    const values = (start: number) => compareOutputs(graph, row(start), rows, 1e-9).filter((m) => m.kind === 'value');
    expect(values(T0)).toEqual([]);
    expect(values(T0 + 1)).toEqual([
      { kind: 'value', view: 'userClickRate', entity: '{"userId":"u1"}', window: '[2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)', feature: 'window.start', expected: T0 + 1, actual: T0 },
    ]);
  });

  test('a record repeated by the same sink is a duplicate', () => {
    const again = record('userClickRate', { userId: 'u1', click_rate_5m: 4, __as_of_ms: T0 + 300_000 });
    expect(actualRows(graph, [...records, again]).duplicates).toEqual([
      { kind: 'duplicate', view: 'userClickRate', entity: '{"userId":"u1"}', window: '[2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)', count: 2 },
    ]);
  });

  test('a window start that does not fit the view is a mistake in the test', () => {
    expect(windowStartProblems(graph, { userClickRate: [{ entity: { userId: 'u1' }, window: { start: T0, end: T0 + 60_000 }, values: {} }], nope: [] })).toEqual([
      'expect.userClickRate[0].window: [2024-01-01T00:00:00Z, 2024-01-01T00:01:00Z) is not a window of userClickRate (size 300s)',
      "expect.nope: the job has no view named 'nope'",
    ]);
  });
});
