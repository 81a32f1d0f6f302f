import type { DeployedArtifact } from '../identity/artifact.js';
import { windowLookbackMs } from '../plan/describe.js';

/** Extra history read after a state reset, beyond the longest window and the watermark delay. */
export const REFILL_MARGIN_MS = 60_000;

/**
 * Where a state-reset job starts reading Kafka (record timestamps): far enough back to refill its
 * longest window, aligned down to that window's size so the first window it fires is complete.
 * Undefined when a window needs all history (lifetime, session): the sources then start as compiled.
 */
export function refillStartMs(next: DeployedArtifact, now = Date.now()): number | undefined {
  const lookbacks = next.operators.map((o) => windowLookbackMs(o.window));
  if (lookbacks.length === 0 || lookbacks.some((l) => l === undefined)) return undefined;
  const longest = Math.max(...(lookbacks as number[]));
  const delay = Math.max(0, ...next.graph.sources.map((s) => s.watermarkDelayMs));
  const start = now - longest - delay - REFILL_MARGIN_MS;
  return Math.floor(start / longest) * longest;
}
