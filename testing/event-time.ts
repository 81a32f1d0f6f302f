import { eventTimeSpec, type AnySource } from '../dsl/index.js';

/** `2026-12-03T10:15:30.250+01:00` and the other forms source-gate.ts accepts (calendar checked by Date). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
}

/** Epoch millis of a timestamp string as the compiled job reads it; null when it does not parse. */
export function parseTimestampText(text: string, zone: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((fraction ?? '').slice(0, 3).padEnd(3, '0')));
  const date = new Date(local);
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return local - offsetMs(offset ?? (zone === 'UTC' ? 'Z' : zone));
}

/** The event time of a fixture event in epoch millis, read as the source declares it; null when it does not read. */
export function eventTimeMillis(src: AnySource, value: Record<string, unknown>): number | null {
  const spec = eventTimeSpec(src.eventTime);
  const raw = value[spec.field];
  if (typeof raw === 'string') return parseTimestampText(raw, spec.zone ?? 'UTC');
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return null;
  return spec.unit === 'seconds' ? Math.round(raw * 1000) : raw;
}

/** The field name and value that put an event at `ms` in the source's own encoding. */
export function eventTimeEntry(src: AnySource, ms: number, current: unknown): [string, unknown] {
  const spec = eventTimeSpec(src.eventTime);
  if (typeof current === 'string') return [spec.field, new Date(ms).toISOString()];
  return [spec.field, spec.unit === 'seconds' ? Math.ceil(ms / 1000) : ms];
}
