import type { z } from 'zod';
import { eventTimeSpec, type AnyFeatureTest, type AnyInferenceStep, type AnySource, type JobDef } from '../dsl/index.js';
import { eventTimeEntry, eventTimeMillis } from './event-time.js';

/** Value of every string field of a flush event; rows of this entity are not part of the output. */
export const FLUSH_MARKER = '__featc_flush__';
const FLUSH_NUMBER = -2_147_483_648;
/** Flush events sit this far after the last fixture event: past any window featc compiles. */
const FLUSH_AFTER_MS = 400 * 86_400_000;

/** One fixture event bound for a source topic. */
export interface FixtureEvent {
  readonly source: string;
  readonly eventTime: number;
  readonly value: Record<string, unknown>;
}

/** Every source of a job, by name: its views' and its steps' (a source read twice counts once). */
export function sourcesOf(job: JobDef): Map<string, AnySource> {
  return new Map([...job.views.flatMap((v) => v.sources), ...(job.steps ?? []).map((st) => st.source)].map((s) => [s.name, s]));
}

/** The step of `job` whose answers a source reads (a `stepSource` of one of the job's own steps), if any. */
export function feedingStep(job: JobDef, src: AnySource): AnyInferenceStep | undefined {
  const from = (src as { fromStep?: AnyInferenceStep }).fromStep;
  return from ? job.steps?.find((st) => st.name === from.name) : undefined;
}

/** The sources fixtures and flush events go to: every source except those the job's own steps write. */
export function fedSourcesOf(job: JobDef): Map<string, AnySource> {
  return new Map([...sourcesOf(job)].filter(([, s]) => !feedingStep(job, s)));
}

/** Fixture events in arrival order (source by source, as declared), each checked against its source's zod schema. */
export function fixtureEvents(test: AnyFeatureTest): FixtureEvent[] {
  const sources = sourcesOf(test.job);
  const events: FixtureEvent[] = [];
  for (const [name, list] of Object.entries(test.input as Record<string, readonly unknown[] | undefined>)) {
    const src = sources.get(name);
    if (!src) throw new Error(`input.${name}: the job reads no source named '${name}' (sources: ${[...sources.keys()].join(', ')})`);
    const step = feedingStep(test.job, src);
    if (step && (list ?? []).length > 0) throw new Error(`input.${name}: '${name}' holds the answers of step ${step.name}; give fixtures to its source '${step.source.name}' instead`);
    for (const [i, raw] of (list ?? []).entries()) {
      const parsed = (src.schema as z.ZodType).safeParse(raw);
      if (!parsed.success) throw new Error(`input.${name}[${i}] does not match the source schema: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const value = raw as Record<string, unknown>;
      const eventTime = eventTimeMillis(src, value);
      if (eventTime === null) throw new Error(`input.${name}[${i}].${eventTimeSpec(src.eventTime).field} (event time) does not read as the source declares it (${JSON.stringify(src.eventTime)})`);
      events.push({ source: name, eventTime, value });
    }
  }
  return events;
}

/**
 * Splits the events into segments. Per source (events in their declared order), a new segment starts
 * at an event that is at or behind the source's watermark (max event time so far − watermark delay);
 * segment k of the run holds segment k of every source. Before segment k+1 is produced the runner
 * waits until Flink's window operators have seen the watermark segment k implies, so whether an event
 * is late does not depend on timing, nor on how sources interleave.
 */
export function segments(events: readonly FixtureEvent[], sources: ReadonlyMap<string, AnySource>): FixtureEvent[][] {
  const out: FixtureEvent[][] = [];
  const state = new Map<string, { max: number; index: number }>();
  for (const e of events) {
    const delay = sources.get(e.source)?.watermarkDelay.ms ?? 0;
    const prev = state.get(e.source);
    const index = prev === undefined ? 0 : e.eventTime <= prev.max - delay ? prev.index + 1 : prev.index;
    state.set(e.source, { max: Math.max(prev?.max ?? e.eventTime, e.eventTime), index });
    while (out.length <= index) out.push([]);
    out[index]?.push(e);
  }
  return out;
}

/** Event time of the flush events: far after every fixture event. */
export function flushTime(events: readonly FixtureEvent[]): number {
  const last = events.reduce((m, e) => Math.max(m, e.eventTime), Date.UTC(2000, 0, 1));
  return last + FLUSH_AFTER_MS;
}

/** A value of the zod type: the marker for strings, a fixed number, `false`, empty arrays, nested objects. */
function placeholder(schema: z.ZodType): unknown {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; entries?: Record<string, unknown>; values?: unknown[] } }).def;
  switch (def.type) {
    case 'string': return FLUSH_MARKER;
    case 'number': case 'int': return FLUSH_NUMBER;
    case 'bigint': return FLUSH_NUMBER;
    case 'boolean': return false;
    case 'array': return [];
    case 'optional': case 'nullable': case 'default': return def.innerType ? placeholder(def.innerType) : null;
    case 'enum': return Object.values(def.entries ?? {})[0];
    case 'literal': return def.values?.[0];
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, placeholder(v)]));
    }
    default: return null;
  }
}

/** The event that drives a source's watermark past every window: placeholder fields, event time `at`. */
export function flushEvent(src: AnySource, at: number): Record<string, unknown> {
  const value = placeholder(src.schema as z.ZodType) as Record<string, unknown>;
  const [field, time] = eventTimeEntry(src, at, value[eventTimeSpec(src.eventTime).field]);
  return { ...value, [field]: time };
}

/** True when an output row belongs to the flush entity (per-event and lifetime views emit one). */
export function isFlushRow(row: Record<string, unknown>, entity: readonly string[]): boolean {
  return entity.length > 0 && entity.every((k) => row[k] === FLUSH_MARKER || row[k] === FLUSH_NUMBER);
}

/** A step record made from a flush event: one of its copied fields holds the flush placeholder. */
export function isFlushRecord(record: Record<string, unknown>): boolean {
  return Object.values(record).some((v) => v === FLUSH_MARKER || v === FLUSH_NUMBER);
}
