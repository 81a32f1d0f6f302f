import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MINUTE = 60_000;
const file = (demoDir: string): string => join(demoDir, 'event-clock.json');

/**
 * Event time of the demo's first event: the current minute, or, when an earlier run (whose jobs
 * kept running with --keep-stack, or whose events are still in the topics) already pushed event
 * time further with its accelerated clock, the minute after that. Starting earlier would make the
 * new events late for the running jobs' watermarks, and Flink would drop them.
 */
export function demoStartTs(demoDir: string, now = Date.now()): number {
  let reached = 0;
  try {
    reached = Number((JSON.parse(readFileSync(file(demoDir), 'utf8')) as { eventTimeMs?: unknown }).eventTimeMs) || 0;
  } catch {
    /* first run */
  }
  return Math.floor(now / MINUTE) * MINUTE > reached ? Math.floor(now / MINUTE) * MINUTE : (Math.floor(reached / MINUTE) + 1) * MINUTE;
}

/** Records how far this run's event time went. */
export function saveDemoEventTime(demoDir: string, eventTimeMs: number): void {
  writeFileSync(file(demoDir), `${JSON.stringify({ eventTimeMs, at: new Date().toISOString() })}\n`);
}
