import { isDuration } from '../../dsl/duration.js';
import type { DiagnosticBag } from '../diagnostics/index.js';
import { formatDuration } from '../durations.js';

function describe(value: unknown): string {
  if (isDuration(value)) return formatDuration(value.ms);
  return value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
}

/** A non-negative whole number of milliseconds, or null after reporting FEATC_E2101. */
export function lowerDuration(value: unknown, bag: DiagnosticBag, path: string, what: string): number | null {
  if (isDuration(value) && Number.isInteger(value.ms) && value.ms >= 0) return value.ms;
  bag.report('FEATC_E2101', path, what, describe(value));
  return null;
}

/** The longest duration printed as a Flink SQL interval: leading precision 3 of DAY (see print/sql/quote.ts `interval`). */
export const MAX_INTERVAL_MS = 1000 * 86_400_000 - 1;

/** A positive window length, or null after reporting FEATC_E2104 (or FEATC_E2110 past 999 days). */
export function lowerWindowLength(value: unknown, bag: DiagnosticBag, path: string): number | null {
  if (isDuration(value) && Number.isInteger(value.ms) && value.ms > MAX_INTERVAL_MS) {
    bag.report('FEATC_E2110', path, 'a window length', formatDuration(value.ms));
    return null;
  }
  if (isDuration(value) && Number.isInteger(value.ms) && value.ms > 0) return value.ms;
  bag.report('FEATC_E2104', path, describe(value));
  return null;
}
