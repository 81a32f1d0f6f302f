import type { JobGraph } from '../compiler/index.js';
import type { ExpectedRow } from '../dsl/index.js';
import type { CommittedRecord } from './kafka.js';
import { isFlushRow } from './fixtures.js';
import type { StepMismatch } from './step-expectations.js';

type Graph = JobGraph;
type AnyExpectedRow = ExpectedRow<unknown> & { readonly values: Readonly<Record<string, unknown>> };

/** One output row of a view, as read back from its feature topic(s). */
export interface ActualRow {
  readonly view: string;
  readonly entity: Record<string, unknown>;
  readonly end: number;
  /** `__window_start_ms`; null from a job compiled before featc wrote it. */
  readonly start: number | null;
  readonly values: Record<string, unknown>;
}

const AS_OF = '__as_of_ms';
const WINDOW_START = '__window_start_ms';

/** One difference between what a test expects and what the job produced. */
export type Mismatch =
  | { readonly kind: 'value'; readonly view: string; readonly entity: string; readonly window: string; readonly feature: string; readonly expected: unknown; readonly actual: unknown }
  | { readonly kind: 'missing'; readonly view: string; readonly entity: string; readonly window: string; readonly expected: Record<string, unknown> }
  | { readonly kind: 'unexpected'; readonly view: string; readonly entity: string; readonly window: string; readonly actual: Record<string, unknown> }
  | { readonly kind: 'duplicate'; readonly view: string; readonly entity: string; readonly window: string; readonly count: number }
  | { readonly kind: 'late-dropped'; readonly expected: number; readonly actual: number; readonly byOperator: Record<string, number> }
  | StepMismatch;

function stable(value: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** How a view's window reads in a diff: `[start, end)` for fixed windows, `as of t` otherwise. */
export function describeWindow(graph: Graph, view: string, end: number): string {
  const windows = graph.operators.filter((o) => o.view === view).map((o) => o.window);
  const w = windows.length === 1 ? windows[0] : undefined;
  if (w?.kind === 'tumbling') return `[${iso(end - w.sizeMs)}, ${iso(end)})`;
  if (w?.kind === 'hopping') return `[${iso(end - w.sizeMs)}, ${iso(end)})`;
  if (w?.kind === 'session') return `session ending ${iso(end)}`;
  return `as of ${iso(end)}`;
}

/**
 * Output rows per view from the committed records of its sink topics: append topics give every
 * record; upsert topics (lifetime views) give the last value per key. Flush-entity rows are dropped.
 * Rows of one view from several windows merge by entity and window end; a repeat from the same sink
 * is a duplicate.
 */
export function actualRows(graph: Graph, records: readonly CommittedRecord[]): { rows: ActualRow[]; duplicates: Mismatch[] } {
  const rows = new Map<string, ActualRow>();
  const seen = new Map<string, number>();
  for (const sink of graph.sinks) {
    const key = graph.operators.find((o) => o.id === sink.operator)?.key ?? [];
    let mine = records.filter((r) => r.topic === sink.topic);
    if (sink.connector === 'upsert-kafka') {
      const last = new Map<string, CommittedRecord>();
      for (const r of mine) last.set(r.key ?? '', r);
      mine = [...last.values()].filter((r) => r.value !== null);
    }
    for (const r of mine) {
      const value = JSON.parse(r.value ?? '{}') as Record<string, unknown>;
      if (isFlushRow(value, key)) continue;
      const entity = Object.fromEntries(key.map((k) => [k, value[k]]));
      const end = Number(value[AS_OF]);
      const start = typeof value[WINDOW_START] === 'number' ? value[WINDOW_START] : null;
      const features = Object.fromEntries(Object.entries(value).filter(([k]) => !key.includes(k) && k !== AS_OF && k !== WINDOW_START));
      const id = `${sink.view}\u0000${stable(entity)}\u0000${end}`;
      seen.set(`${id}\u0000${sink.table}`, (seen.get(`${id}\u0000${sink.table}`) ?? 0) + 1);
      const prev = rows.get(id);
      rows.set(id, { view: sink.view, entity, end, start, values: { ...prev?.values, ...features } });
    }
  }
  const duplicates: Mismatch[] = [];
  for (const [id, count] of seen) {
    if (count < 2) continue;
    const [view = '', entity = '', end = '0'] = id.split('\u0000');
    duplicates.push({ kind: 'duplicate', view, entity, window: describeWindow(graph, view, Number(end)), count });
  }
  return { rows: [...rows.values()], duplicates };
}

/** Equal, with an absolute/relative tolerance for numbers (also inside arrays and rows). */
export function sameValue(expected: unknown, actual: unknown, tolerance: number): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= tolerance * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((e, i) => sameValue(e, actual[i], tolerance));
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].every((k) => sameValue((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], tolerance));
  }
  return (expected ?? null) === (actual ?? null);
}

/** Compares expected rows per view with the actual rows: values, missing and unexpected rows, in a stable order. */
export function compareOutputs(
  graph: Graph, expect: Readonly<Record<string, readonly AnyExpectedRow[] | undefined>>, actual: readonly ActualRow[], tolerance: number,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [view, rows] of Object.entries(expect)) {
    if (!rows) continue;
    const got = new Map(actual.filter((r) => r.view === view).map((r) => [`${stable(r.entity)}@${r.end}`, r]));
    const wanted = new Map<string, AnyExpectedRow>();
    for (const row of rows) wanted.set(`${stable(row.entity)}@${row.window.end}`, row);
    for (const [key, row] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const entity = stable(row.entity);
      const window = describeWindow(graph, view, row.window.end);
      const hit = got.get(key);
      if (!hit) {
        out.push({ kind: 'missing', view, entity, window, expected: { ...row.values } });
        continue;
      }
      if (row.window.start !== undefined && hit.start !== row.window.start) {
        out.push({ kind: 'value', view, entity, window, feature: 'window.start', expected: row.window.start, actual: hit.start });
      }
      for (const [feature, value] of Object.entries(row.values)) {
        if (!sameValue(value, hit.values[feature], tolerance)) out.push({ kind: 'value', view, entity, window, feature, expected: value, actual: hit.values[feature] });
      }
    }
    for (const [key, row] of [...got].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!wanted.has(key)) out.push({ kind: 'unexpected', view, entity: stable(row.entity), window: describeWindow(graph, view, row.end), actual: row.values });
    }
  }
  return out;
}

/** Checks that a declared window start fits the view's window (a mistake in the test, not in the job). */
export function windowStartProblems(graph: Graph, expect: Readonly<Record<string, readonly AnyExpectedRow[] | undefined>>): string[] {
  const problems: string[] = [];
  for (const [view, rows] of Object.entries(expect)) {
    const ops = graph.operators.filter((o) => o.view === view);
    if (ops.length === 0) problems.push(`expect.${view}: the job has no view named '${view}'`);
    const w = ops.length === 1 ? ops[0]?.window : undefined;
    for (const [i, row] of (rows ?? []).entries()) {
      if (row.window.start === undefined || !w || (w.kind !== 'tumbling' && w.kind !== 'hopping')) continue;
      if (row.window.end - row.window.start !== w.sizeMs) {
        problems.push(`expect.${view}[${i}].window: [${iso(row.window.start)}, ${iso(row.window.end)}) is not a window of ${view} (size ${w.sizeMs / 1000}s)`);
      }
    }
  }
  return problems;
}
