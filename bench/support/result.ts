/** The one result shape every benchmark returns; `ratio` is value / baseline.value, both measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** Builds a result (ratio included when a baseline is given) and logs it to stderr as it is measured. */
export function result(name: string, value: number, unit: string, baseline?: { name: string; value: number }): BenchResult {
  const r: BenchResult = { name, value: round(value, 3), unit };
  if (baseline) {
    r.baseline = { name: baseline.name, value: round(baseline.value, 3) };
    r.ratio = round(value / baseline.value, 3);
  }
  process.stderr.write(`  ${name}: ${r.value} ${unit}${r.ratio === undefined ? '' : ` (×${r.ratio} vs ${baseline?.name})`}\n`);
  return r;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A name no other run uses (topics, job names, Redis prefixes). */
export function runId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}
